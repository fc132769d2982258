package cn.beian.verify.notify;

import cn.beian.verify.verification.VerificationProperties;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The outbox (written by the filing repository), its dispatcher and the thread that runs it. */
@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

  @Bean
  CallbackDispatcher callbackDispatcher(JdbcTemplate jdbc, CallbackProperties properties, Clock clock,
      ApplicationEventPublisher events) {
    return new CallbackDispatcher(jdbc, properties, clock, events);
  }

  @Bean
  CallbackScheduler callbackScheduler(CallbackDispatcher dispatcher, CallbackProperties properties) {
    return new CallbackScheduler(dispatcher, properties);
  }

  @Bean
  CallbackOutbox callbackOutbox(JdbcTemplate jdbc, CallbackProperties properties, VerificationProperties verification,
      CallbackScheduler scheduler) {
    return new CallbackOutbox(jdbc, properties, verification.zone(), scheduler::wake);
  }
}
