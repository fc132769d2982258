package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo profile's side of the hardening: Camunda's setup page refused here too, the public pages and the demo
 * inbox unframeable with a policy their own markup satisfies, and (plain HTTP on a laptop) no HSTS and no Secure
 * cookies. ProductionHardeningTest shows the prod profile's answers.
 */
@SecurityIntegrationTest
class DemoProfileHardeningTest extends HttpTestSupport {

  @Test
  void shouldRefuseCamundasAdministratorSetup() {
    assertThat(get("/camunda/app/admin/default/setup/", null).status()).isEqualTo(403);
    Response created = post("/camunda/api/admin/setup/default/user/create", null, Map.of("profile", Map.of("id", "intruder")));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(403);
    assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
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
  void shouldAllowTheDemoInboxItsOwnInlineStyleOnly() throws Exception {
    // given the page and its policy
    Response page = get("/dev/sms", null);
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page.raw().body());
    assertThat(style.find()).isTrue();

    // then the one style element is allowed by its hash, and there is no other inline style or script
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
        .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
    assertThat(page.header("Content-Security-Policy")).contains("style-src 'sha256-" + hash + "'");
    assertThat(style.find()).isFalse();
    assertThat(page.raw().body()).doesNotContain("<script", "style=\"");
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
