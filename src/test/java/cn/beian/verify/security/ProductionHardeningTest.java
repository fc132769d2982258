package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import cn.beian.verify.sms.BuiltinReceipts;
import cn.beian.verify.sms.RecordingSmsGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The headers and cookies of the prod profile, as Camunda's own production configuration sets them: HSTS on every
 * answer, Secure session and CSRF cookies, no API documentation unless switched on, the public pages unframeable.
 * DemoProfileHardeningTest shows the demo profile's answers where they differ.
 */
class ProductionHardeningTest extends ProductionWithAdministrator {
  static final String HSTS = "Strict-Transport-Security";

  @Test
  void shouldSendHstsOnEveryAnswer() {
    for (String path : List.of("/verify", "/v/not-a-token", "/api/v1/filings", "/engine-rest/engine/" + ENGINE + "/task",
        "/camunda/app/tasklist/", "/camunda/api/admin/auth/user/" + ENGINE)) {
      assertThat(get(path, null).header(HSTS)).as(path).isEqualTo("max-age=31536000");
    }
  }

  @Test
  void shouldMarkTheSessionAndCsrfCookiesSecure() {
    // when a browser opens Tasklist
    Response page = get("/camunda/app/tasklist/", null);

    // then its session and CSRF cookies only ever travel over HTTPS, and the session is out of scripts' reach
    assertThat(attributes(cookie(page, "JSESSIONID"))).contains("secure", "httponly", "samesite=lax");
    assertThat(attributes(cookie(page, "XSRF-TOKEN"))).contains("secure", "samesite=lax");
  }

  @Test
  void shouldProtectThePublicPageFromFramingAndForeignScript() {
    for (String path : List.of("/verify", "/v/not-a-token")) {
      Response page = get(path, null);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "script-src 'self'",
          "default-src 'none'");
    }
  }

  @Test
  void shouldServeNoApiDocumentationUnlessSwitchedOn() {
    assertThat(get("/v3/api-docs", null).status()).isEqualTo(404);
    assertThat(get("/swagger-ui.html", null).status()).isEqualTo(404);
    assertThat(get("/swagger-ui/index.html", null).status()).isEqualTo(404);
  }

  @Test
  void shouldServeNoDemoInbox() {
    assertThat(get("/dev/sms", null).status()).isEqualTo(404);
    assertThat(get("/api/v1/dev/sms", null).status()).isEqualTo(404);
  }

  @Test
  void shouldHaveNoSimulatedCarrierNorItsUndeliverableSwitch(@Autowired ApplicationContext context) {
    // the demo's switch that makes a number's codes "undeliverable" must not exist where real citizens get codes
    assertThat(context.getBeansOfType(BuiltinReceipts.class)).isEmpty();
    assertThat(context.getBeansOfType(RecordingSmsGateway.class)).isEmpty();
  }

  /** a Set-Cookie header's attributes after the value, lower case ("secure", "httponly", "samesite=lax", …) */
  static List<String> attributes(String setCookie) {
    return Stream.of(setCookie.split(";")).skip(1).map(a -> a.strip().toLowerCase(Locale.ROOT)).toList();
  }

  static String cookie(Response response, String name) {
    return response.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.raw().headers().map()));
  }
}
