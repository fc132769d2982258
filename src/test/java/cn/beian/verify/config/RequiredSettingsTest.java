package cn.beian.verify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.beian.verify.BeianVerifyApplication;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Start-up refuses a production node that lacks a setting, naming the environment variable, before it connects
 * anywhere. Each start here stops right after the settings were checked (nothing reaches a database).
 */
@ExtendWith(OutputCaptureExtension.class)
class RequiredSettingsTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final Map<String, String> PRODUCTION = Map.of(
      "BEIAN_DB_URL", "jdbc:postgresql://127.0.0.1:9/beian",
      "BEIAN_DB_USER", "beian",
      "BEIAN_DB_PASSWORD", "secret",
      "BEIAN_SMS_SMPP_HOST", "smsc.example.cn",
      "BEIAN_SMS_SMPP_SYSTEM_ID", "beian",
      "BEIAN_SMS_SMPP_PASSWORD", "secret",
      "BEIAN_SECRETS_HMAC_KEY", KEY,
      "BEIAN_SECRETS_DATA_KEY", KEY,
      "BEIAN_PORTAL_BASE_URL", "https://beian.example.cn");

  /** thrown once the settings passed: the run is abandoned before any bean exists */
  private static final class SettingsPassed extends SpringApplication.AbandonedRunException {}

  private static Throwable start(Map<String, String> variables, String... profiles) {
    SpringApplication application = new SpringApplication(BeianVerifyApplication.class);
    application.setAdditionalProfiles(profiles);
    application.addListeners(event -> {
      if (event instanceof ApplicationContextInitializedEvent) {
        throw new SettingsPassed();
      }
    });
    List<String> args = new ArrayList<>();
    variables.forEach((name, value) -> args.add("--" + name + "=" + value));
    return catchThrowable(() -> application.run(args.toArray(String[]::new)));
  }

  private static Map<String, String> productionWith(String variable, String value) {
    Map<String, String> variables = new LinkedHashMap<>(PRODUCTION);
    if (value == null) {
      variables.remove(variable);
    } else {
      variables.put(variable, value);
    }
    return variables;
  }

  @Test
  void shouldStartProductionWithEverySettingAndTheDemoWithNone() {
    assertThat(start(PRODUCTION, "prod")).isInstanceOf(SettingsPassed.class);
    assertThat(start(Map.of())).isInstanceOf(SettingsPassed.class);
  }

  @Test
  void shouldRefuseProductionWithoutThePortalBaseUrlNamingIt() {
    // given production without the public page's address, or with it blank
    for (String missing : new String[] {null, " "}) {
      // when
      Throwable refused = start(productionWith("BEIAN_PORTAL_BASE_URL", missing), "prod");

      // then it does not start and says which variable to set, and only that one
      assertThat(refused).isInstanceOf(StartupCheckException.class)
          .hasMessageContaining("BEIAN_PORTAL_BASE_URL is not set (beian.portal.base-url needs it)");
      assertThat(PRODUCTION.keySet()).filteredOn(v -> !v.equals("BEIAN_PORTAL_BASE_URL"))
          .allSatisfy(v -> assertThat(refused.getMessage()).doesNotContain(v));
    }
  }

  @Test
  void shouldNameEveryMissingVariable() {
    Throwable refused = start(Map.of(), "prod");

    assertThat(refused).isInstanceOf(StartupCheckException.class);
    assertThat(PRODUCTION.keySet()).allSatisfy(v -> assertThat(refused.getMessage()).contains(v + " is not set"));
  }

  @Test
  void shouldAcceptAPropertySetDirectlyInsteadOfItsVariable() {
    Map<String, String> variables = productionWith("BEIAN_PORTAL_BASE_URL", null);
    variables.put("beian.portal.base-url", "https://beian.example.cn");

    assertThat(start(variables, "prod")).isInstanceOf(SettingsPassed.class);
  }

  @Test
  void shouldRefuseAPortalBaseUrlThatCannotStartALink() {
    for (String url : new String[] {"beian.example.cn", "ftp://beian.example.cn", "https://"}) {
      assertThat(start(productionWith("BEIAN_PORTAL_BASE_URL", url), "prod")).as(url)
          .isInstanceOf(StartupCheckException.class)
          .hasMessageContaining("BEIAN_PORTAL_BASE_URL must be the public page's absolute http(s) address");
    }
  }

  @Test
  void shouldRefuseKeysThatAreNotBase64Of32BytesNamingTheKey() {
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThat(start(productionWith("BEIAN_SECRETS_DATA_KEY", short16), "prod"))
        .isInstanceOf(StartupCheckException.class)
        .hasMessageContaining("BEIAN_SECRETS_DATA_KEY must be base64 of exactly 32 random bytes")
        .hasMessageNotContaining("BEIAN_SECRETS_HMAC_KEY");
    assertThat(start(productionWith("BEIAN_SECRETS_HMAC_KEY", "not base64!"), "prod"))
        .isInstanceOf(StartupCheckException.class)
        .hasMessageContaining("BEIAN_SECRETS_HMAC_KEY must be base64 of at least 32 random bytes")
        .hasMessageNotContaining("BEIAN_SECRETS_DATA_KEY");
  }

  @Test
  void shouldTellTheOperatorWhatToDoWithoutAStackTrace(CapturedOutput output) {
    start(productionWith("BEIAN_PORTAL_BASE_URL", null), "prod");

    assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "BEIAN_PORTAL_BASE_URL is not set",
        "Set the environment variables named above").doesNotContain("at cn.beian.verify.config.RequiredSettings");
  }
}
