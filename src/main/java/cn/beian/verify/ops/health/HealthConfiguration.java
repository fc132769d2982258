package cn.beian.verify.ops.health;

import cn.beian.verify.ops.EngineBacklog;
import cn.beian.verify.ops.OperationalFigures;
import cn.beian.verify.retention.PersonalDataRetention;
import cn.beian.verify.sms.smpp.SmppSmsGateway;
import java.time.Clock;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The product's health contributors; a contributor's name is its bean name without "HealthIndicator". Which of them
 * liveness and readiness consider is configuration ({@code management.endpoint.health.group.*} in application.yaml).
 * The engine's own checks are the process adapter's (process.ops.EngineHealthConfiguration).
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

  @Bean
  OperationalFigures operationalFigures(JdbcTemplate jdbc, EngineBacklog engine, Clock clock,
      PersonalDataRetention retention, HealthProperties properties) {
    return new OperationalFigures(jdbc, engine, clock, retention::countOverdue, properties.figuresMaxAge());
  }

  /** with the SMPP transport only, the condition of its own configuration (bean conditions depend on scan order) */
  @Bean
  @ConditionalOnProperty(prefix = "beian.sms", name = "transport", havingValue = "smpp")
  HealthIndicator smscHealthIndicator(SmppSmsGateway gateway, HealthProperties properties) {
    return new SmscHealthIndicator(gateway, properties.smscUnreachableThreshold(), Clock.systemUTC());
  }

  @Bean
  HealthIndicator smsOutboxHealthIndicator(OperationalFigures figures, HealthProperties properties) {
    return new BacklogHealthIndicators.SmsOutbox(figures::current, properties.smsOutboxWarnAge());
  }

  @Bean
  HealthIndicator callbackOutboxHealthIndicator(OperationalFigures figures, HealthProperties properties) {
    return new BacklogHealthIndicators.CallbackOutbox(figures::current, properties.callbackOutboxWarnAge());
  }

  @Bean
  HealthIndicator incidentsHealthIndicator(OperationalFigures figures) {
    return new BacklogHealthIndicators.Incidents(figures::current);
  }
}
