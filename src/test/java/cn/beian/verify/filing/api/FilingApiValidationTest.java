package cn.beian.verify.filing.api;

import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input answers 400 with every bad field named, stores nothing and sends nothing. */
@SharedHttpContext
class FilingApiValidationTest extends HttpTestSupport {

  @Test
  void shouldNameEveryInvalidFieldAndStoreNothing() {
    // given a change request with many mistakes
    Person zhang = person("张三");
    String requestNo = TestData.requestNo();
    String validId = TestData.residentId();
    String wrongCheckDigit = validId.substring(0, 17) + (validId.endsWith("0") ? "1" : "0");
    String freePhone = TestData.phone();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestNo", requestNo);
    body.put("type", "CHANGE");
    body.put("province", "CN-XX");
    body.put("serviceType", "WEBSITE");
    body.put("entity", Map.of("name", "兰州示例科技有限公司", "principal", zhang));
    body.put("websites", List.of(
        website("w1", new Person("李四", "1380013800", "RESIDENT_ID", TestData.residentId())),
        website("w2", new Person("王五", "16612345678", "RESIDENT_ID", TestData.residentId())),
        website("w3", new Person("赵六", freePhone, "RESIDENT_ID", wrongCheckDigit)),
        website("w4", new Person("孙七", zhang.phone(), "RESIDENT_ID", validId)),
        Map.of("ref", "w5", "domain", "w5.example.cn")));
    body.put("change", Map.of("entityChanged", false, "changedWebsites", List.of("w9"), "remarksOnly", false));

    // when
    Response response = post("/api/v1/filings", PROVIDER_A_KEY, body);

    // then each mistake is named with its field
    assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("title").asText()).isEqualTo("申请信息有误");
    assertThat(response.body().get("detail").asText()).contains("7处信息有误");
    Map<String, String> errors = errors(response.body());
    assertThat(errors).containsOnlyKeys("province", "websites[0].principal.phone", "websites[1].principal.phone",
        "websites[2].principal.idNumber", "websites[3].principal.phone", "websites[4].principal", "change.changedWebsites");
    assertThat(errors.get("province")).contains("省份代码无效");
    assertThat(errors.get("websites[0].principal.phone")).contains("11位");
    assertThat(errors.get("websites[1].principal.phone")).contains("166").contains("不支持备案");
    assertThat(errors.get("websites[2].principal.idNumber")).contains("校验位");
    assertThat(errors.get("websites[3].principal.phone")).contains("不同的证件号码").doesNotContain(zhang.phone());
    assertThat(errors.get("websites[4].principal")).contains("必填");
    assertThat(errors.get("change.changedWebsites")).contains("w9");

    // and nothing is stored, started or sent
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM filing WHERE request_no = ?", Integer.class, requestNo)).isZero();
    assertThat(smsTo(zhang.phone())).isEmpty();
    assertThat(smsTo(freePhone)).isEmpty();
    assertThat(get("/api/v1/filings?requestNo=" + requestNo, PROVIDER_A_KEY).status()).isEqualTo(404);
  }

  @Test
  void shouldTurnUnknownEnumValuesIntoFieldErrors() {
    // given
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestNo", TestData.requestNo());
    body.put("type", "RENEWAL");
    body.put("province", "CN-GS");
    body.put("serviceType", "MINI_PROGRAM");
    body.put("entity", Map.of("name", "兰州示例科技有限公司",
        "principal", new Person("张三", TestData.phone(), "DRIVING_LICENCE", TestData.residentId())));

    // when
    Response response = post("/api/v1/filings", PROVIDER_A_KEY, body);

    // then
    assertThat(response.status()).isEqualTo(400);
    assertThat(errors(response.body())).containsOnlyKeys("type", "serviceType", "entity.principal.idType")
        .containsEntry("type", "申请类型无效: RENEWAL");
  }

  @Test
  void shouldNameTheFieldOfAValueOfTheWrongType() {
    Response wrongBoolean = post("/api/v1/filings", PROVIDER_A_KEY,
        "{\"requestNo\": \"X-1\", \"change\": {\"entityChanged\": \"yes\"}}");
    Response wrongList = post("/api/v1/filings", PROVIDER_A_KEY, "{\"requestNo\": \"X-1\", \"websites\": \"w1\"}");
    Response wrongObject = post("/api/v1/filings", PROVIDER_A_KEY,
        "{\"websites\": [{\"ref\": \"w1\", \"principal\": [\"张三\"]}]}");

    assertThat(wrongBoolean.status()).isEqualTo(400);
    assertThat(wrongBoolean.contentType()).startsWith("application/problem+json");
    assertThat(wrongBoolean.body().get("title").asText()).isEqualTo("请求内容有误");
    assertThat(errors(wrongBoolean.body())).containsEntry("change.entityChanged", "应为布尔值 true 或 false");
    assertThat(errors(wrongList.body())).containsEntry("websites", "应为数组");
    assertThat(errors(wrongObject.body())).containsEntry("websites[0].principal", "应为JSON对象");
  }

  @Test
  void shouldAcceptTheExamplesTheOpenApiDocumentShows() {
    // given the submissions Swagger UI offers to try (its ID numbers must pass the check digit, for one)
    for (String example : List.of(ApiExamples.SUBMISSION, ApiExamples.CHANGE)) {
      String body = example.replaceAll("ALIYUN-20261122-000\\d", TestData.requestNo());

      // when one is sent as it stands
      Response created = post("/api/v1/filings", PROVIDER_A_KEY, body);

      // then it is a request, not a list of errors
      assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }
  }

  @Test
  void shouldRefuseMalformedJsonAndAMissingBody() {
    Response malformed = post("/api/v1/filings", PROVIDER_A_KEY, "{\"requestNo\": \"X-1\",");
    Response empty = post("/api/v1/filings", PROVIDER_A_KEY, "");

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(malformed.body().get("title").asText()).isEqualTo("请求内容有误");
    assertThat(malformed.body().get("detail").asText()).contains("JSON");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body().get("detail").asText()).contains("请求内容缺失");
  }

  /** without requestNo the path lists the provider's requests (FilingListApiTest); its parameters are checked */
  @Test
  void shouldNameEveryInvalidQueryParameter() {
    Response response = get("/api/v1/filings?limit=abc&stauts=VERIFYING", PROVIDER_A_KEY);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(errors(response.body())).containsOnlyKeys("limit", "stauts");
  }

  private static Map<String, Object> website(String ref, Person principal) {
    return Map.of("ref", ref, "domain", ref + ".example.cn", "principal", principal);
  }

  private static Map<String, String> errors(JsonNode problem) {
    Map<String, String> errors = new LinkedHashMap<>();
    assertThat(problem.get("errors")).as(problem.toString()).isNotNull();
    problem.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("message").asText()));
    return errors;
  }
}
