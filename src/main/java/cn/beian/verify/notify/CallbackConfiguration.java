package cn.beian.verify.notify;

import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.VerificationPort;
import cn.beian.verify.outbox.OutboxWorker;
import cn.beian.verify.verification.VerificationProperties;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import java.time.Clock;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The callback outbox (written by the filing repository's status listeners), its kind and its worker on this node;
 * the providers' change feed and what writes it.
 */
@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

  @Bean
  CallbackDispatcher callbackDispatcher(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      CallbackProperties properties, Clock clock, ApplicationEventPublisher events) {
    return new CallbackDispatcher(jdbc, transactions, properties, clock, events);
  }

  /** nothing runs unless some provider registered a callback */
  @Bean
  OutboxWorker callbackOutboxWorker(CallbackDispatcher callbacks, CallbackProperties properties) {
    return new OutboxWorker("callback", callbacks.outbox(), CallbackDispatcher.TABLE.name(),
        !properties.providers().isEmpty());
  }

  /**
   * the callback bodies in the OpenAPI document: no operation of the product returns them, the providers' endpoints
   * receive them, so they are added as schemas of their own (StatusCallback, VerifierCallback)
   */
  @Bean
  OpenApiCustomizer callbackSchemas() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      ModelConverters converters = ModelConverters.getInstance();
      converters.readAll(CallbackEvent.class).forEach(openApi.getComponents()::addSchemas);
      converters.readAll(CallbackEvent.VerifierCallback.class).forEach(openApi.getComponents()::addSchemas);
    };
  }

  @Bean
  FilingChangeFeed filingChangeFeed(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    return new FilingChangeFeed(jdbc, transactions);
  }

  @Bean
  FilingChangeRecorder filingChangeRecorder(FilingChangeFeed feed, CallbackOutbox callbacks,
      ObjectProvider<FilingRepository> filings, ObjectProvider<VerificationPort> verifiers) {
    return new FilingChangeRecorder(feed, callbacks, filings, verifiers);
  }

  @Bean
  CallbackOutbox callbackOutbox(JdbcTemplate jdbc, CallbackProperties properties, VerificationProperties verification,
      ApplicationEventPublisher events) {
    return new CallbackOutbox(jdbc, properties, verification.zone(), events);
  }
}
