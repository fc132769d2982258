package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.beian.verify.BeianVerifyApplication;
import cn.beian.verify.process.identity.IdentityProperties;
import cn.beian.verify.sms.smpp.SmscSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile refuses to start with neither a directory nor an initial administrator: there would be no way to
 * a first administrator but the setup page an outsider could use. Everything else is configured as an operator would.
 */
class ProductionStartupTest {

  @Test
  void shouldRefuseToStartWithoutAnyStaffIdentity() {
    // when the product is started in production with its database, keys, SMSC and portal, but no identity
    Throwable failure = catchThrowable(() -> {
      ConfigurableApplicationContext context = new SpringApplicationBuilder(BeianVerifyApplication.class)
          .profiles("prod", "test")
          // no web server: a web context that stops resets the JVM-wide runtime delegates of Camunda's webapps
          // (AdminContainerBootstrap#contextDestroyed), which the other test contexts of this JVM still use
          .web(WebApplicationType.NONE)
          .properties("camunda.bpm.process-engine-name=prodWithoutIdentity",
              "BEIAN_DB_USER=sa", "BEIAN_DB_PASSWORD=test-only-password",
              "BEIAN_SECRETS_HMAC_KEY=dGVzdC1obWFjLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=",
              "BEIAN_SECRETS_DATA_KEY=dGVzdC1kYXRhLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=",
              "BEIAN_PORTAL_BASE_URL=https://beian.example.cn", "BEIAN_SMS_SMPP_HOST=127.0.0.1",
              "BEIAN_SMS_SMPP_PORT=1", "BEIAN_SMS_SMPP_SYSTEM_ID=" + SmscSimulator.SYSTEM_ID,
              "BEIAN_SMS_SMPP_PASSWORD=" + SmscSimulator.PASSWORD)
          .run();
      context.close();
    });

    // then it does not start, and says which variables to set
    assertThat(failure).isNotNull();
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertThat(root).hasMessage(IdentityProperties.NEITHER);
    assertThat(root.getMessage()).contains("BEIAN_ADMIN_USER", "BEIAN_ADMIN_PASSWORD", "BEIAN_LDAP_ENABLED", "BEIAN_LDAP_URL");
  }
}
