package cn.beian.verify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.verification.VerificationProperties;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo inbox shows what the built-in gateway kept; with a real carrier (smpp) it must not exist at all. */
class DemoInboxConditionTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withBean(JdbcTemplate.class, () -> mock(JdbcTemplate.class))
      .withBean(PersonalDataCipher.class, () -> mock(PersonalDataCipher.class))
      .withBean(PersonalDataHashes.class, () -> mock(PersonalDataHashes.class))
      .withBean(VerificationProperties.class,
          () -> new VerificationProperties(Duration.ofHours(24), 3, 5, 2, LocalTime.NOON, ZoneId.of("Asia/Shanghai")))
      .withUserConfiguration(DemoInbox.class, DemoInboxController.class, DemoInboxPage.class);

  @Test
  void shouldBePresentByDefault() {
    runner.run(context -> assertThat(context)
        .hasSingleBean(DemoInbox.class).hasSingleBean(DemoInboxController.class).hasSingleBean(DemoInboxPage.class));
  }

  @Test
  void shouldBePresentWithTheBuiltInTransport() {
    runner.withPropertyValues("beian.sms.transport=builtin").run(context -> assertThat(context)
        .hasSingleBean(DemoInbox.class).hasSingleBean(DemoInboxController.class).hasSingleBean(DemoInboxPage.class));
  }

  @Test
  void shouldBeAbsentWithARealCarrier() {
    runner.withPropertyValues("beian.sms.transport=smpp").run(context -> assertThat(context)
        .doesNotHaveBean(DemoInbox.class).doesNotHaveBean(DemoInboxController.class).doesNotHaveBean(DemoInboxPage.class));
  }
}
