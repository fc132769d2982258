package cn.beian.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class VerificationPropertiesTest {

  private static VerificationProperties bind(Map<String, String> properties) {
    Binder binder = new Binder(new MapConfigurationPropertySource(properties));
    return binder.bindOrCreate("beian.verification", Bindable.of(VerificationProperties.class));
  }

  @Test
  void shouldApplyTheDecidedDefaults() {
    // given no configuration at all
    // when the properties are bound
    VerificationProperties properties = bind(Map.of());
    // then the defaults of docs/rules.md §10 apply
    assertThat(properties.window()).isEqualTo(Duration.ofHours(24));
    assertThat(properties.maxChecksPerCode()).isEqualTo(3);
    assertThat(properties.maxFailedAttempts()).isEqualTo(5);
    assertThat(properties.maxManualResends()).isEqualTo(2);
    assertThat(properties.autoResendTime()).isEqualTo(LocalTime.NOON);
    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }

  @Test
  void shouldBindOverridesByTheirContractNames() {
    // given an operator's configuration with the property names of docs/rules.md §10
    Map<String, String> configured = Map.of(
        "beian.verification.window", "PT48H",
        "beian.verification.max-checks-per-code", "4",
        "beian.verification.max-failed-attempts", "6",
        "beian.verification.max-manual-resends", "1",
        "beian.verification.auto-resend-time", "09:30",
        "beian.verification.zone", "Asia/Urumqi");
    // when the properties are bound
    VerificationProperties properties = bind(configured);
    // then every override is taken
    assertThat(properties).isEqualTo(new VerificationProperties(
        Duration.ofHours(48), 4, 6, 1, LocalTime.of(9, 30), ZoneId.of("Asia/Urumqi")));
  }

  @Test
  void shouldBindAWindowOfAFewSeconds() {
    // given a demo window of a few seconds, also in Spring's short form
    // when / then it binds as such
    assertThat(bind(Map.of("beian.verification.window", "PT5S")).window()).isEqualTo(Duration.ofSeconds(5));
    assertThat(bind(Map.of("beian.verification.window", "5s")).window()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shouldRefuseANonPositiveWindow() {
    // given a zero window
    // when / then binding fails at startup
    assertThatThrownBy(() -> bind(Map.of("beian.verification.window", "PT0S"))).isInstanceOf(BindException.class);
  }
}
