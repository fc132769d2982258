package cn.beian.verify.filing.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and Swagger UI of docs/http-contract.md: public, listing the filing paths with the API key
 * scheme.
 */
@SharedHttpContext
class OpenApiDocsTest extends HttpTestSupport {

  @Test
  void shouldListTheFilingPathsInTheOpenApiDocument() {
    // when
    Response docs = get("/v3/api-docs", null);
    try { java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/api-docs.json"), docs.raw().body()); } catch (Exception e) { }

    // then
    assertThat(docs.status()).isEqualTo(200);
    JsonNode paths = docs.body().get("paths");
    assertThat(paths.get("/api/v1/filings").has("post")).isTrue();
    assertThat(paths.get("/api/v1/filings").has("get")).isTrue();
    assertThat(paths.get("/api/v1/filings/{filingId}").has("get")).isTrue();
    assertThat(paths.get("/api/v1/filings/{filingId}").has("delete")).isTrue();
    JsonNode submit = paths.get("/api/v1/filings").get("post");
    assertThat(submit.get("summary").asText()).isEqualTo("提交备案申请");
    assertThat(submit.get("responses").fieldNames()).toIterable().contains("201", "200", "400", "401", "409");
    assertThat(submit.toString()).contains("ALIYUN-20261122-0001", "62010219900307123X");
    assertThat(docs.body().at("/components/securitySchemes/providerApiKey/name").asText()).isEqualTo("X-Api-Key");
    assertThat(docs.body().at("/components/schemas/FilingView/properties/verificationDeadline/example").asText())
        .isEqualTo("2026-11-23T15:04:05+08:00");
    // the provider id comes from the key, never from the caller
    assertThat(submit.toString()).doesNotContain("providerId");
  }

  @Test
  void shouldSayThatUnknownFieldsAreRefused() {
    // when
    Response docs = get("/v3/api-docs", null);

    // then the document says so in words and in every request body's schemas
    assertThat(docs.body().at("/info/description").asText()).contains("未列出的字段", "400", "413");
    JsonNode schemas = docs.body().at("/components/schemas");
    for (String name : new String[] {"FilingSubmission", "Entity", "Person", "Website", "Change",
        "SmsVerificationRequest", "SmsResendRequest"}) {
      assertThat(schemas.get(name).get("additionalProperties").asBoolean(true)).as(name).isFalse();
    }
    assertThat(schemas.get("FilingView").has("additionalProperties")).isFalse();
  }

  @Test
  void shouldServeSwaggerUi() throws Exception {
    HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    HttpResponse<String> page = following.send(request("/swagger-ui.html", java.util.Map.of()).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
  }
}
