package cn.beian.verify.notify;

import cn.beian.verify.outbox.OutboxWorker;
import cn.beian.verify.verification.VerificationProperties;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The callback outbox (written by the filing repository's status listeners), its kind and its worker on this node. */
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

  @Bean
  CallbackOutbox callbackOutbox(JdbcTemplate jdbc, CallbackProperties properties, VerificationProperties verification,
      ApplicationEventPublisher events) {
    return new CallbackOutbox(jdbc, properties, verification.zone(), events);
  }
}
