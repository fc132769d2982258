package cn.beian.verify.verification.api;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.filing.FilingSubmission.Person;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input on the public endpoints is a 400 problem naming the field, and never reaches the rules:
 * a typo is not a failed attempt and not a resend (docs/rules.md §5, §6).
 */
class PublicApiInputTest extends PublicApiSupport {

  /** a body template: PHONE, CODE and LAST6 stand for a real pending verification's values */
  static Stream<Arguments> malformedChecks() {
    return Stream.of(
        Arguments.of("phone of 10 digits", "{\"phone\":\"1380013800\",\"code\":\"CODE\",\"idLast6\":\"LAST6\"}", "phone",
            "手机号码格式不正确,应为11位中国大陆手机号码"),
        Arguments.of("a landline", "{\"phone\":\"02112345678\",\"code\":\"CODE\",\"idLast6\":\"LAST6\"}", "phone",
            "手机号码格式不正确,应为11位中国大陆手机号码"),
        Arguments.of("phone missing", "{\"code\":\"CODE\",\"idLast6\":\"LAST6\"}", "phone", "请填写手机号码"),
        Arguments.of("code of 5 digits", "{\"phone\":\"PHONE\",\"code\":\"12345\",\"idLast6\":\"LAST6\"}", "code",
            "短信验证码应为6位数字"),
        Arguments.of("code of 7 digits", "{\"phone\":\"PHONE\",\"code\":\"1234567\",\"idLast6\":\"LAST6\"}", "code",
            "短信验证码应为6位数字"),
        Arguments.of("code with a letter", "{\"phone\":\"PHONE\",\"code\":\"12345a\",\"idLast6\":\"LAST6\"}", "code",
            "短信验证码应为6位数字"),
        Arguments.of("code missing", "{\"phone\":\"PHONE\",\"idLast6\":\"LAST6\"}", "code", "请填写短信验证码"),
        Arguments.of("ID suffix of 5", "{\"phone\":\"PHONE\",\"code\":\"CODE\",\"idLast6\":\"12345\"}", "idLast6",
            "证件号码后6位应为6位字母或数字"),
        Arguments.of("ID suffix with a sign", "{\"phone\":\"PHONE\",\"code\":\"CODE\",\"idLast6\":\"1234-5\"}", "idLast6",
            "证件号码后6位应为6位字母或数字"),
        Arguments.of("ID suffix blank", "{\"phone\":\"PHONE\",\"code\":\"CODE\",\"idLast6\":\"  \"}", "idLast6",
            "请填写证件号码后6位"),
        Arguments.of("an object for the code", "{\"phone\":\"PHONE\",\"code\":{\"v\":1},\"idLast6\":\"LAST6\"}", "code",
            "字段格式不正确,应为文本"),
        Arguments.of("broken JSON", "{\"phone\":\"PHONE\",\"code\":\"CODE\"", "body", "请求内容不是有效的JSON"),
        Arguments.of("empty body", "", "body", "请求内容不是有效的JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedChecks")
  void shouldRefuseAMalformedCheckWithoutCountingIt(String situation, String template, String field, String message)
      throws Exception {
    // given a pending verification
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));
    String code = latestCode(zhang.phone());
    UnaryOperator<String> fill = t -> t.replace("PHONE", zhang.phone()).replace("CODE", wrong(code))
        .replace("LAST6", last6(zhang));

    // when a malformed check with a wrong code is made
    HttpResponse<String> response = post("/api/v1/sms-verifications", fill.apply(template));

    // then it is a 400 problem naming the field, and no failure was counted
    assertProblem(response, field, message);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isZero();
    assertThat(filings.events(filingId)).noneMatch(e -> e.event().equals("ATTEMPT_FAILED"));
  }

  static Stream<Arguments> malformedResends() {
    return Stream.of(
        Arguments.of("phone with letters", "{\"phone\":\"138abc\",\"idLast6\":\"LAST6\"}", "phone",
            "手机号码格式不正确,应为11位中国大陆手机号码"),
        Arguments.of("phone missing", "{\"idLast6\":\"LAST6\"}", "phone", "请填写手机号码"),
        Arguments.of("ID suffix of 7", "{\"phone\":\"PHONE\",\"idLast6\":\"1234567\"}", "idLast6",
            "证件号码后6位应为6位字母或数字"),
        Arguments.of("ID suffix missing", "{\"phone\":\"PHONE\"}", "idLast6", "请填写证件号码后6位"),
        Arguments.of("not JSON", "phone=PHONE", "body", "请求内容不是有效的JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedResends")
  void shouldRefuseAMalformedResendWithoutSending(String situation, String template, String field, String message)
      throws Exception {
    // given a pending verification
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));

    // when
    HttpResponse<String> response = post("/api/v1/sms-resends",
        template.replace("PHONE", zhang.phone()).replace("LAST6", last6(zhang)));
    runJobs(filingId);

    // then
    assertProblem(response, field, message);
    assertThat(verifierOf(filingId, zhang.phone()).manualResends()).isZero();
    assertThat(inbox(zhang.phone())).hasSize(1);
  }

  private void assertProblem(HttpResponse<String> response, String field, String message) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("title").asText()).isEqualTo("请求信息不正确");
    assertThat(problem.get("detail").asText()).contains(message);
    assertThat(problem.get("errors")).hasSize(1);
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(field);
    assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo(message);
  }
}
