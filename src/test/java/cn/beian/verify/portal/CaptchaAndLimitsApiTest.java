package cn.beian.verify.portal;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingSubmission.Person;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The captcha and the abuse limits over HTTP, both ON (the portal tests' context). */
@PortalIntegrationTest
class CaptchaAndLimitsApiTest extends HttpTestSupport {
  @Autowired FilingService filingService;

  @Test
  void shouldAcceptASolvedPuzzlesTokenOnce() {
    // given a solved puzzle
    String token = solve(1.0);

    // when its token is used twice
    JsonNode first = post("/api/v1/sms-verifications", null, check(TestData.phone(), token)).body();
    JsonNode second = post("/api/v1/sms-verifications", null, check(TestData.phone(), token)).body();

    // then the first reaches the rules (nothing pending for that phone), the second is refused
    assertThat(first.get("result").asText()).isEqualTo("NOT_FOUND");
    assertThat(second.get("result").asText()).isEqualTo("CAPTCHA_FAILED");
    assertThat(second.get("message").asText()).isEqualTo("请完成拼图验证。");
  }

  @Test
  void shouldRefuseForgedAndExpiredTokens() {
    // given a token that was never issued, and one whose time is up
    String expired = solve(1.0);
    jdbc.update("UPDATE captcha_token SET expires_at = issued_at WHERE token_hash = ?", CaptchaTokens.hash(expired));

    // then both are refused
    assertThat(post("/api/v1/sms-resends", null, Map.of("phone", TestData.phone(), "idLast6", "07123X",
        "captchaToken", "forged-" + expired)).body().get("result").asText()).isEqualTo("CAPTCHA_FAILED");
    assertThat(post("/api/v1/sms-resends", null, Map.of("phone", TestData.phone(), "idLast6", "07123X",
        "captchaToken", expired)).body().get("result").asText()).isEqualTo("CAPTCHA_FAILED");
  }

  @Test
  void shouldSpendAPuzzleOnAMiss() {
    // given a puzzle
    JsonNode puzzle = get("/api/v1/captcha", null).body();
    assertThat(puzzle.get("required").asBoolean()).isTrue();
    assertThat(puzzle.get("backgroundImage").asText()).startsWith("data:image/");
    String id = puzzle.get("id").asText();
    double expected = new CaptchaTestHook(jdbc).expectedFraction(id);

    // when it is missed, then solved right
    JsonNode miss = post("/api/v1/captcha/checks", null, track(id, expected > 0.5 ? expected - 0.3 : expected + 0.3)).body();
    JsonNode retry = post("/api/v1/captcha/checks", null, track(id, expected)).body();

    // then neither passes: a missed puzzle is gone, a new one must be fetched
    assertThat(miss.get("passed").asBoolean()).isFalse();
    assertThat(miss.has("captchaToken")).isFalse();
    assertThat(retry.get("passed").asBoolean()).isFalse();
  }

  @Test
  void shouldAnswer429WithRetryAfterOverTheSmsLimitWithoutSpendingTheToken() {
    // given a verifier with its first code sent and one resend (this context: 2 SMS per phone per hour)
    Person qian = person("钱九");
    String filingId = filingService.submit("demo-provider-a", TestData.newFiling("CN-GS", qian, person("吴十")))
        .filing().id();
    runJobs(filingId);
    assertThat(post("/api/v1/sms-resends", null, resend(qian, solve(1.0))).body().get("result").asText())
        .isEqualTo("RESENT");
    runJobs(filingId);

    // when a third SMS is asked for
    String token = solve(1.0);
    Response refused = post("/api/v1/sms-resends", null, resend(qian, token));

    // then 429 with the wait, counted nowhere: one manual resend, and the token still good
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    assertThat(refused.body().get("detail").asText()).contains("短信发送过于频繁");
    assertThat(jdbc.queryForObject("SELECT manual_resends FROM verifier WHERE filing_id = ? AND phone_hash = ?",
        Integer.class, filingId, hashes.phone(qian.phone()))).isEqualTo(1);
    assertThat(post("/api/v1/sms-verifications", null, check(TestData.phone(), token)).body().get("result").asText())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldApplyThePhoneLimitWhateverShapeTheBodyHas() {
    // given five checks in a minute naming one phone in five different ways (this context: 5 per phone a minute)
    String phone = TestData.phone();
    String spaced = "+86 " + phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7);
    String escaped = phone.chars().mapToObj(c -> String.format("\\u%04x", c)).collect(Collectors.joining());
    String padding = " ".repeat(20 * 1024);
    List<String> bodies = List.of(
        "{\"phone\":\"" + phone + "\",\"code\":\"123456\",\"idLast6\":\"07123X\",\"captchaToken\":\"TOKEN\"}",
        "{\"phone\":\"" + spaced + "\",\"code\":\"123456\",\"idLast6\":\"07123X\",\"captchaToken\":\"TOKEN\"}",
        "{\"phone\":\"" + escaped + "\",\"code\":\"123456\",\"idLast6\":\"07123X\",\"captchaToken\":\"TOKEN\"}",
        "{" + padding + "\"phone\":\"86-" + phone + "\",\"code\":\"123456\",\"idLast6\":\"07123X\",\"captchaToken\":\"TOKEN\"}",
        "{\"captchaToken\":\"TOKEN\",\"code\":\"123456\",\"idLast6\":\"07123X\"," + padding + "\"phone\":\"" + phone + "\"}");
    for (String body : bodies) {
      Response answer = post("/api/v1/sms-verifications", null, body.replace("TOKEN", solve(1.0)));
      assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
      assertThat(answer.body().get("result").asText()).isEqualTo("NOT_FOUND");
    }

    // when a sixth comes padded past the old 16 KB look-ahead
    String token = solve(1.0);
    Response sixth = post("/api/v1/sms-verifications", null,
        bodies.get(3).replace("TOKEN", token).replace(padding, " ".repeat(40 * 1024)));

    // then it is refused, and its captcha token was not spent
    assertThat(sixth.status()).isEqualTo(429);
    assertThat(sixth.contentType()).startsWith("application/problem+json");
    assertThat(sixth.body().get("detail").asText()).contains("该手机号码的操作过于频繁");
    assertThat(Long.parseLong(sixth.header("Retry-After"))).isPositive();
    assertThat(post("/api/v1/sms-verifications", null, check(TestData.phone(), token)).body().get("result").asText())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldRefuseAPhoneSentAsAJsonNumberWithoutSpendingTheToken() {
    // given a solved puzzle
    String token = solve(1.0);

    // when the phone is sent as a number (the probe's way past the per-phone limit)
    Response answer = post("/api/v1/sms-verifications", null,
        "{\"phone\":" + TestData.phone() + ",\"code\":\"123456\",\"idLast6\":\"07123X\",\"captchaToken\":\"" + token + "\"}");

    // then 400 naming the field, and the token is still good
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("phone");
    assertThat(post("/api/v1/sms-verifications", null, check(TestData.phone(), token)).body().get("result").asText())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldApplyTheSmsLimitToAPaddedResendWithAnotherSpellingOfThePhone() {
    // given a verifier whose first code was sent (this context: 2 SMS per phone an hour)
    Person sun = person("孙七");
    String filingId = filingService.submit("demo-provider-a", TestData.newFiling("CN-GS", sun, person("周八")))
        .filing().id();
    runJobs(filingId);
    String padding = " ".repeat(20 * 1024);

    // when two resends are asked for with padded bodies, the second with +86 and spaces
    Response first = post("/api/v1/sms-resends", null, "{" + padding + "\"phone\":\"" + sun.phone()
        + "\",\"idLast6\":\"" + last6(sun) + "\",\"captchaToken\":\"" + solve(1.0) + "\"}");
    runJobs(filingId);
    Response second = post("/api/v1/sms-resends", null, "{" + padding + "\"phone\":\"+86 " + sun.phone()
        + "\",\"idLast6\":\"" + last6(sun).toLowerCase() + "\",\"captchaToken\":\"" + solve(1.0) + "\"}");
    runJobs(filingId);

    // then only the first is sent: two SMS in all, one manual resend
    assertThat(first.body().get("result").asText()).isEqualTo("RESENT");
    assertThat(second.status()).isEqualTo(429);
    assertThat(second.body().get("detail").asText()).contains("短信发送过于频繁");
    assertThat(smsTo(sun.phone())).hasSize(2);
    assertThat(jdbc.queryForObject("SELECT manual_resends FROM verifier WHERE filing_id = ? AND phone_hash = ?",
        Integer.class, filingId, hashes.phone(sun.phone()))).isEqualTo(1);
  }

  @Test
  void shouldRefuseABodyOverTheSizeLimitWithoutSpendingTheToken() {
    // given a solved puzzle
    String token = solve(1.0);

    // when a check comes with a body of 1 MB
    Response answer = post("/api/v1/sms-verifications", null, "{" + " ".repeat(1024 * 1024)
        + "\"phone\":\"" + TestData.phone() + "\",\"code\":\"123456\",\"idLast6\":\"07123X\",\"captchaToken\":\""
        + token + "\"}");

    // then 413 problem, and the token is still good
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body().get("detail").asText()).contains("KB");
    assertThat(post("/api/v1/sms-verifications", null, check(TestData.phone(), token)).body().get("result").asText())
        .isEqualTo("NOT_FOUND");
  }

  // a fresh puzzle solved at the expected offset (scale 1.0 = exactly)
  private String solve(double scale) {
    String id = get("/api/v1/captcha", null).body().get("id").asText();
    double expected = new CaptchaTestHook(jdbc).expectedFraction(id) * scale;
    JsonNode answer = post("/api/v1/captcha/checks", null, track(id, expected)).body();
    assertThat(answer.get("passed").asBoolean()).as(answer.toString()).isTrue();
    return answer.get("captchaToken").asText();
  }

  private static Map<String, Object> track(String id, double fraction) {
    return CaptchaTestHook.track(id, fraction);
  }

  private static Map<String, Object> check(String phone, String token) {
    return Map.of("phone", phone, "code", "123456", "idLast6", "07123X", "captchaToken", token);
  }

  private static Map<String, Object> resend(Person p, String token) {
    return Map.of("phone", p.phone(), "idLast6", last6(p), "captchaToken", token);
  }
}
