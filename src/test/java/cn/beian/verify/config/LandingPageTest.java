package cn.beian.verify.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.portal.PortalProperties;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** {@code /}: the product's own landing page, every link of which leads somewhere, and the start-up lines. */
@SharedHttpContext
class LandingPageTest extends HttpTestSupport {
  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

  private HttpResponse<String> fetch(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldLinkEveryPageForEachAudienceInsteadOfTheWebappsWelcome() throws Exception {
    // when someone opens the server's address
    HttpResponse<String> landing = fetch("/");

    // then the product's page lists the public page, the demo inbox, the staff tools and the API documentation
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(landing.body()).contains("ICP备案短信核验", "公众", "工作人员", "接入商", "演示账号", "reviewer-gs")
        .doesNotContain("camunda-welcome");
    List<String> links = HREF.matcher(landing.body()).results().map(m -> m.group(1)).toList();
    assertThat(links).contains("/verify", "/dev/sms", "/camunda/app/tasklist/", "/camunda/app/cockpit/",
        "/camunda/app/admin/", "/swagger-ui.html");

    // and every link answers (the stylesheet too), none with a 404
    for (String link : links) {
      assertThat(fetch(link).statusCode()).as(link).isLessThan(400);
    }
  }

  @Test
  void shouldShowNeitherTheDemoInboxNorTheDemoAccountsOutsideTheDemo() {
    // given a production-like setup: a real SMSC (no inbox) and no demo profile
    LandingPage page = new LandingPage(new ProductLinks(false), new MockEnvironment());

    // then
    assertThat(page.landing().getBody()).contains("/verify", "/camunda/app/tasklist/")
        .doesNotContain("/dev/sms", "演示账号", "reviewer-gs");
  }

  @Test
  void shouldListThePagesAtTheServersOwnPortInTheStartUpLines() {
    // when the server started on some port with a public address for the SMS links configured
    String lines = new WhereToFindIt(new ProductLinks(true), new PortalProperties(
        "https://beian.example.cn")).lines("http://localhost:9090", "https://beian.example.cn");

    // then each page is listed at that port, and the public address of the links is named
    assertThat(lines).contains("http://localhost:9090/verify", "http://localhost:9090/dev/sms",
        "http://localhost:9090/camunda/app/tasklist/", "http://localhost:9090/camunda/app/cockpit/",
        "http://localhost:9090/swagger-ui.html", "https://beian.example.cn/v/<token>");
    Matcher ascii = Pattern.compile("[^\\x00-\\x7f]").matcher(lines);
    assertThat(ascii.find()).as("log lines stay ASCII").isFalse();
  }
}
