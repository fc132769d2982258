package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo profile's side of the hardening: Camunda's setup page refused here too, the public pages and the demo
 * inbox unframeable with a policy their own markup satisfies, and (plain HTTP on a laptop) no HSTS and no Secure
 * cookies. ProductionHardeningTest shows the prod profile's answers.
 */
@SharedHttpContext
class DemoProfileHardeningTest extends HttpTestSupport {

  @Test
  void shouldRefuseCamundasAdministratorSetup() {
    assertThat(get("/camunda/app/admin/default/setup/", null).status()).isEqualTo(403);
    Response created = post("/camunda/api/admin/setup/default/user/create", null, Map.of("profile", Map.of("id", "intruder")));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(403);
    assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
  }

  @Test
  void shouldRefuseALoginFormInACharsetNobodyKnowsWithoutAServerError() throws Exception {
    // given Camunda's login form, with the CSRF cookie its page hands out
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    URI tasklist = URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/");
    assertThat(browser.send(HttpRequest.newBuilder(tasklist).build(), BodyHandlers.discarding()).statusCode())
        .isEqualTo(200);
    String csrf = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();

    // when a client sends the right user and password declared in a charset this JVM does not know
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=x-no-such-charset")
        .header("X-XSRF-TOKEN", csrf).POST(BodyPublishers.ofString("username=demo&password=demo")).build(),
        BodyHandlers.ofString());

    // then it is refused as a body nobody can read (Jersey answered 500 with UnsupportedCharsetException), in Chinese
    assertThat(login.statusCode()).as(login.body()).isEqualTo(415);
    assertThat(login.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(login.body()).contains("UTF-8").doesNotContain("UnsupportedCharsetException");
  }

  @Test
  void shouldProtectThePagesFromFraming() {
    for (String path : List.of("/verify", "/v/not-a-token", "/dev/sms", "/dev/sms?phone=123")) {
      Response page = get(path, null);
      assertThat(page.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(page.header("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'", "default-src 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
    }
  }

  @Test
  void shouldServeTheDemoInboxWithNothingInlineForItsPolicyToAllow() {
    // given the page and its policy
    Response page = get("/dev/sms", null);

    // then its style comes from a same-origin stylesheet, and nothing inline (style or script) would need an exception
    assertThat(page.header("Content-Security-Policy")).contains("style-src 'self'", "script-src 'self'");
    assertThat(page.raw().body()).contains("<link rel=\"stylesheet\" href=\"/portal/pages.css\">")
        .doesNotContain("<style", "<script", "style=\"");
  }

  @Test
  void shouldUsePlainCookiesAndNoHstsOverTheDemosPlainHttp() {
    Response page = get("/camunda/app/tasklist/", null);
    assertThat(page.header(ProductionHardeningTest.HSTS)).isNull();
    assertThat(get("/verify", null).header(ProductionHardeningTest.HSTS)).isNull();
    assertThat(ProductionHardeningTest.attributes(ProductionHardeningTest.cookie(page, "JSESSIONID"))).doesNotContain("secure");
    assertThat(ProductionHardeningTest.attributes(ProductionHardeningTest.cookie(page, "XSRF-TOKEN"))).doesNotContain("secure");
  }
}
