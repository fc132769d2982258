package cn.beian.verify.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error response of the product is an RFC 9457 problem document with a Chinese title and detail — Spring's own
 * errors, the error page, and the servlet container's refusals alike (the probe found Spring's JSON for 405/406/415
 * and Tomcat's HTML page for a bad path or header).
 */
@SharedHttpContext
class ProblemResponsesTest extends HttpTestSupport {
  private static final String JSON = "application/json";

  static Stream<Arguments> refusals() {
    String check = "{\"phone\":\"13800138000\",\"code\":\"123456\",\"idLast6\":\"07123X\"}";
    return Stream.of(
        Arguments.of("an encoded NUL in the path (Tomcat)", "GET", "/api/v1/filings/abc%00def", Map.of(), null, 400),
        Arguments.of("an encoded slash in the path (Tomcat)", "GET", "/api/v1/filings/abc%2Fdef", Map.of(), null, 400),
        Arguments.of("an encoded NUL in the short link (Tomcat)", "GET", "/v/abc%00", Map.of(), null, 400),
        Arguments.of("a header over 8 KB (Tomcat)", "GET", "/verify", Map.of("X-Padding", "a".repeat(9000)), null, 400),
        Arguments.of("PUT on the checks", "PUT", "/api/v1/sms-verifications", Map.of("Content-Type", JSON), check, 405),
        Arguments.of("GET on the checks", "GET", "/api/v1/sms-verifications", Map.of(), null, 405),
        Arguments.of("POST on the page", "POST", "/verify", Map.of("Content-Type", JSON), "{}", 405),
        Arguments.of("text/plain on the checks", "POST", "/api/v1/sms-verifications", Map.of("Content-Type", "text/plain"),
            check, 415),
        Arguments.of("no content type on the resends", "POST", "/api/v1/sms-resends", Map.of(), check, 415),
        Arguments.of("XML asked of the filings", "GET", "/api/v1/filings/x",
            Map.of("X-Api-Key", PROVIDER_A_KEY, "Accept", "application/xml"), null, 406),
        Arguments.of("XML asked of the inbox", "GET", "/api/v1/dev/sms?phone=13800138000", Map.of("Accept", "application/xml"),
            null, 406),
        Arguments.of("a broken multipart body on the filings", "POST", "/api/v1/filings",
            Map.of("X-Api-Key", PROVIDER_A_KEY, "Content-Type", "multipart/form-data; boundary=xyz"), "--xyz\r\nbroken", 415),
        Arguments.of("a broken multipart body on the page", "POST", "/verify",
            Map.of("Content-Type", "multipart/form-data; boundary=xyz"), "--xyz\r\nbroken", 400),
        Arguments.of("a broken multipart body on the checks", "POST", "/api/v1/sms-verifications",
            Map.of("Content-Type", "multipart/form-data; boundary=xyz"), "--xyz\r\nbroken", 415),
        Arguments.of("an unknown page, asked for as HTML", "GET", "/nonexistent", Map.of("Accept", "text/html"), null, 404),
        Arguments.of("an unknown API path", "GET", "/api/v1/nothing-here", Map.of(), null, 404),
        Arguments.of("a missing static file", "GET", "/portal/nope.js", Map.of(), null, 404),
        Arguments.of("DELETE on a static file", "DELETE", "/portal/verify.js", Map.of(), null, 405),
        Arguments.of("TRACE on the filings", "TRACE", "/api/v1/filings", Map.of(), null, 405),
        Arguments.of("the error page itself", "GET", "/error", Map.of(), null, 404),
        Arguments.of("the error page, posted to", "POST", "/error", Map.of("Content-Type", JSON), "{}", 404),
        Arguments.of("a query parameter missing", "GET", "/api/v1/filings", Map.of("X-Api-Key", PROVIDER_A_KEY), null, 400),
        Arguments.of("a charset nobody knows", "POST", "/api/v1/sms-verifications",
            Map.of("Content-Type", "application/json; charset=no-such-charset"), check, 415),
        Arguments.of("a body over the limit", "POST", "/api/v1/sms-verifications", Map.of("Content-Type", JSON),
            "{" + " ".repeat(300 * 1024) + "}", 413));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void shouldAnswerEveryRefusalWithAChineseProblemDocument(String situation, String method, String path,
      Map<String, String> headers, String body, int status) {
    // when
    Response response = send(request(path, headers)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());

    // then
    assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("status").asInt()).isEqualTo(status);
    assertThat(response.body().get("title").asText()).matches(".*\\p{IsHan}.*");
    assertThat(response.body().get("detail").asText()).matches(".*\\p{IsHan}.*").doesNotContainPattern("\\{\\d}");
    assertThat(response.raw().body()).doesNotContain("Tomcat", "Whitelabel", "timestamp", "Exception");
  }

  @Test
  void shouldTellWhichMethodsThePathTakes() {
    // when
    Response response = send(request("/api/v1/sms-resends", Map.of()).GET().build());

    // then
    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).contains("POST");
    assertThat(response.body().get("title").asText()).isEqualTo("不支持的请求方法");
    assertThat(response.body().get("detail").asText()).contains("GET", "POST");
  }

  @Test
  void shouldNameTheFieldOfAnUnknownRepeatedOrMistypedValue() {
    // given a submission with an unknown field, one with a field given twice, one with a phone as a number
    String unknown = "{\"requestNo\":\"" + TestData.requestNo() + "\",\"chagne\":{}}";
    String repeated = "{\"requestNo\":\"X\",\"entity\":{\"principal\":{\"phone\":\"13800138000\",\"phone\":\"13900139000\"}}}";
    String number = "{\"requestNo\":\"X\",\"websites\":[{\"ref\":\"w1\",\"principal\":{\"phone\":13800138000}}]}";

    // when
    Response first = post("/api/v1/filings", PROVIDER_A_KEY, unknown);
    Response second = post("/api/v1/filings", PROVIDER_A_KEY, repeated);
    Response third = post("/api/v1/filings", PROVIDER_A_KEY, number);

    // then each is a 400 naming the field
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.body().get("errors").get(0).get("field").asText()).isEqualTo("chagne");
    assertThat(first.body().get("errors").get(0).get("message").asText()).isEqualTo("不支持的字段,请删除");
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.body().get("errors").get(0).get("field").asText()).isEqualTo("entity.principal.phone");
    assertThat(second.body().get("errors").get(0).get("message").asText()).isEqualTo("字段重复出现");
    assertThat(third.status()).isEqualTo(400);
    assertThat(third.body().get("errors").get(0).get("field").asText()).isEqualTo("websites[0].principal.phone");
    assertThat(third.body().get("errors").get(0).get("message").asText()).isEqualTo("字段格式不正确,应为文本");
  }
}
