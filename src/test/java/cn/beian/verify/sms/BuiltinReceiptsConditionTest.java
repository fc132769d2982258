package cn.beian.verify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import cn.beian.verify.kernel.KeyedHasher;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The built-in gateway's simulated carrier, with its switch that makes a demo number undeliverable, exists only with
 * the built-in transport and never in the prod profile, whatever else is configured.
 */
class BuiltinReceiptsConditionTest {
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(BuiltinSmsProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withBean(JdbcTemplate.class, () -> mock(JdbcTemplate.class))
      .withBean(SmsSubmissionLog.class, () -> mock(SmsSubmissionLog.class))
      .withBean(KeyedHasher.class, () -> new KeyedHasher(new byte[32]))
      .withBean(Clock.class, Clock::systemUTC)
      .withUserConfiguration(Properties.class, BuiltinReceipts.class)
      .withPropertyValues("beian.sms.builtin.undeliverable-numbers=13900000404", "beian.sms.builtin.receipt-interval=PT0S");

  @Test
  void shouldSimulateReceiptsWithTheBuiltInTransportOutsideProd() {
    runner.run(context -> assertThat(context).hasSingleBean(BuiltinReceipts.class).hasSingleBean(PeriodicStep.class));
  }

  @Test
  void shouldNotExistInTheProdProfileEvenWithTheBuiltInTransportAndNumbersListed() {
    runner.withPropertyValues("beian.sms.transport=builtin")
        .withInitializer(context -> context.getEnvironment().setActiveProfiles("prod"))
        .run(context -> assertThat(context).doesNotHaveBean(BuiltinReceipts.class).doesNotHaveBean(PeriodicStep.class));
  }

  @Test
  void shouldNotExistWithARealCarrier() {
    runner.withPropertyValues("beian.sms.transport=smpp")
        .run(context -> assertThat(context).doesNotHaveBean(BuiltinReceipts.class).doesNotHaveBean(PeriodicStep.class));
  }

  @Test
  void shouldRefuseToStartWithANumberThatIsNoMobileNumber() {
    runner.withPropertyValues("beian.sms.builtin.undeliverable-numbers=12345")
        .run(context -> assertThat(context).hasFailed());
  }
}
