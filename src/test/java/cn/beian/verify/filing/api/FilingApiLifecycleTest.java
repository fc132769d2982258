package cn.beian.verify.filing.api;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerificationService;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every status of docs/http-contract.md §1, reached through the process and seen by the access provider over HTTP. */
@SharedHttpContext
class FilingApiLifecycleTest extends HttpTestSupport {
  /** 11:00 in Beijing: the 24-hour window closes before the next noon, so no automatic resend comes first */
  private static final Instant SUBMITTED = Instant.parse("2026-11-22T03:00:00Z");

  @Autowired VerificationService verificationService;

  @Test
  void shouldAcceptARequestAndShowItsVerifiersMasked() {
    // given
    setClock(SUBMITTED);
    Person zhang = person("张三");
    Person li = person("李四");
    var submission = TestData.newFiling("CN-GS", zhang, li);

    // when
    Response created = post("/api/v1/filings", PROVIDER_A_KEY, submission);

    // then 201, the request's address and its view
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String filingId = created.body().get("filingId").asText();
    assertThat(created.header("Location")).isEqualTo("http://localhost:" + port + "/api/v1/filings/" + filingId);
    assertThat(created.contentType()).startsWith("application/json");
    JsonNode view = created.body();
    assertThat(view.get("requestNo").asText()).isEqualTo(submission.requestNo());
    assertThat(view.get("type").asText()).isEqualTo("NEW_FILING");
    assertThat(view.get("province").asText()).isEqualTo("CN-GS");
    assertThat(view.get("status").asText()).isEqualTo("VERIFYING");
    assertThat(view.get("returnReason").isNull()).isTrue();
    assertThat(view.get("reviewDecision").isNull()).isTrue();
    assertThat(view.get("reviewComment").isNull()).isTrue();
    assertThat(events(view)).startsWith("SUBMITTED");
    assertThat(view.toString()).doesNotContain(zhang.phone(), zhang.idNumber(), "张三", li.phone(), "李四");

    // when the SMS go out (the job executor would do this right after the commit)
    runJobs(filingId);
    JsonNode sent = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();

    // then each principal got a code, and the view shows both pending, masked, with the deadline in Beijing time
    assertThat(smsTo(zhang.phone())).hasSize(1);
    assertThat(smsTo(li.phone())).hasSize(1);
    assertThat(sent.get("verificationDeadline").asText()).isEqualTo("2026-11-23T11:00:00+08:00");
    assertThat(sent.get("verifiers")).hasSize(2);
    JsonNode first = verifier(sent, zhang);
    assertThat(first.get("roles").toString()).isEqualTo("[\"ENTITY_PRINCIPAL\"]");
    assertThat(first.get("name").asText()).isEqualTo("张*");
    assertThat(first.get("status").asText()).isEqualTo("PENDING");
    assertThat(first.get("failedAttempts").asInt()).isZero();
    assertThat(first.get("manualResends").asInt()).isZero();
    assertThat(first.get("verifiedAt").isNull()).isTrue();
    assertThat(verifier(sent, li).get("roles").toString()).isEqualTo("[\"WEBSITE_PRINCIPAL\"]");
    assertThat(verifier(sent, li).get("name").asText()).isEqualTo("李*");
    assertThat(history(sent, "SMS_SENT")).extracting(h -> h.get("phone").asText())
        .containsExactlyInAnyOrder(PhoneNumbers.mask(zhang.phone()), PhoneNumbers.mask(li.phone()));
    assertThat(history(sent, "SUBMITTED")).singleElement().satisfies(h -> {
      assertThat(h.has("phone")).isFalse();
      assertThat(h.get("at").asText()).isEqualTo("2026-11-22T11:00:00+08:00");
    });
    assertThat(sent.toString()).doesNotContain(zhang.phone(), zhang.idNumber(), "张三");
  }

  @Test
  void shouldShowUnderReviewAndThenApprovedWithTheBureausComment() {
    // given a request whose two verifiers both verified
    setClock(SUBMITTED);
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    setClock(SUBMITTED.plus(Duration.ofMinutes(30)));
    assertThat(verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang)).result())
        .isEqualTo(CheckResult.VERIFIED_PARTIAL);

    // then while one is missing the request is still verifying
    JsonNode partial = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(partial.get("status").asText()).isEqualTo("VERIFYING");
    assertThat(verifier(partial, zhang).get("status").asText()).isEqualTo("VERIFIED");
    assertThat(verifier(partial, zhang).get("verifiedAt").asText()).isEqualTo("2026-11-22T11:30:00+08:00");
    assertThat(verifier(partial, li).get("status").asText()).isEqualTo("PENDING");

    // when the second verifies
    assertThat(verificationService.check(li.phone(), latestCode(li.phone()), last6(li)).result())
        .isEqualTo(CheckResult.VERIFIED_COMPLETE);
    runJobs(filingId);

    // then
    JsonNode underReview = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(underReview.get("status").asText()).isEqualTo("UNDER_REVIEW");
    assertThat(history(underReview, "VERIFIED")).extracting(h -> h.get("phone").asText())
        .containsExactly(PhoneNumbers.mask(zhang.phone()), PhoneNumbers.mask(li.phone()));
    assertThat(events(underReview)).endsWith("UNDER_REVIEW");

    // when the bureau approves
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "材料齐全"));
    runJobs(filingId);

    // then
    JsonNode approved = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
    assertThat(approved.get("reviewDecision").asText()).isEqualTo("APPROVED");
    assertThat(approved.get("reviewComment").asText()).isEqualTo("材料齐全");
    assertThat(approved.get("returnReason").isNull()).isTrue();
    assertThat(events(approved)).containsSubsequence("SUBMITTED", "SMS_SENT", "SMS_SENT", "VERIFIED", "VERIFIED",
        "UNDER_REVIEW", "REVIEWED", "APPROVED");
  }

  @Test
  void shouldShowRejectedWithTheBureausComment() {
    // given a request under review
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    verificationService.check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);

    // when the bureau rejects
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, false, FilingProcess.Vars.REVIEW_COMMENT, "主体信息不符"));
    runJobs(filingId);

    // then
    JsonNode rejected = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
    assertThat(rejected.get("reviewDecision").asText()).isEqualTo("REJECTED");
    assertThat(rejected.get("reviewComment").asText()).isEqualTo("主体信息不符");
    assertThat(events(rejected)).contains("REVIEWED");
  }

  @Test
  void shouldShowNobodyPendingOnceAPhoneNumberChangeIsRejected() {
    // given a phone number change under review: its new number is to be verified only after an approval
    Person newNumber = person("张三");
    String filingId = submitAndSend(TestData.ofType("PHONE_CHANGE", "CN-GS", newNumber, person("李四"),
        new Change(true, List.of(), false)));
    JsonNode underReview = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(underReview.get("status").asText()).isEqualTo("UNDER_REVIEW");
    assertThat(verifier(underReview, newNumber).get("status").asText()).isEqualTo("PENDING");

    // when the bureau rejects the change
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, false, FilingProcess.Vars.REVIEW_COMMENT, "材料不符"));
    runJobs(filingId);

    // then the request is closed, and so is the verification that was to follow the approval: nobody is PENDING
    JsonNode rejected = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
    assertThat(verifier(rejected, newNumber).get("status").asText()).isEqualTo("CANCELLED");
    assertThat(rejected.get("verifiers")).noneMatch(v -> v.get("status").asText().equals("PENDING"));
    assertThat(smsTo(newNumber.phone())).isEmpty();
  }

  @Test
  void shouldShowReturnedForFailedVerificationAfterTheFifthWrongCode() {
    // given
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    String code = latestCode(zhang.phone());

    // when five wrong codes are entered
    for (int i = 0; i < 5; i++) {
      verificationService.check(zhang.phone(), wrong(code), last6(zhang));
    }
    runJobs(filingId);

    // then
    JsonNode returned = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(returned.get("status").asText()).isEqualTo("RETURNED");
    assertThat(returned.get("returnReason").asText()).isEqualTo("VERIFICATION_FAILED");
    assertThat(verifier(returned, zhang).get("status").asText()).isEqualTo("FAILED");
    assertThat(verifier(returned, zhang).get("failedAttempts").asInt()).isEqualTo(5);
    assertThat(verifier(returned, li).get("status").asText()).isEqualTo("CANCELLED");
    assertThat(history(returned, "ATTEMPT_FAILED")).hasSize(5)
        .allSatisfy(h -> assertThat(h.get("phone").asText()).isEqualTo(PhoneNumbers.mask(zhang.phone())));
    assertThat(events(returned)).containsSubsequence("FAILED", "RETURNED");
  }

  @Test
  void shouldShowReturnedAsExpiredWhenTheWindowCloses() {
    // given a request nobody verifies
    setClock(SUBMITTED);
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));

    // when the window closes and its timer fires
    setClock(SUBMITTED.plus(Duration.ofHours(24)).plusSeconds(1));
    runJobs(filingId);

    // then
    JsonNode expired = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(expired.get("status").asText()).isEqualTo("RETURNED");
    assertThat(expired.get("returnReason").asText()).isEqualTo("EXPIRED");
    assertThat(verifier(expired, zhang).get("status").asText()).isEqualTo("EXPIRED");
    assertThat(verifier(expired, li).get("status").asText()).isEqualTo("EXPIRED");
    assertThat(events(expired)).contains("EXPIRED").endsWith("RETURNED");
  }

  @Test
  void shouldWithdrawAnOpenRequestAndRefuseToWithdrawItTwice() {
    // given a request in verification
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String code = latestCode(zhang.phone());

    // when
    Response withdrawn = delete("/api/v1/filings/" + filingId, PROVIDER_A_KEY);

    // then it is withdrawn and its codes are dead
    assertThat(withdrawn.status()).as(withdrawn.raw().body()).isEqualTo(200);
    assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(withdrawn.body().get("verifiers")).allSatisfy(v -> assertThat(v.get("status").asText()).isEqualTo("CANCELLED"));
    assertThat(events(withdrawn.body())).endsWith("WITHDRAWN");
    assertThat(get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(verificationService.check(zhang.phone(), code, last6(zhang)).result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId).count()).isZero();

    // when withdrawn again
    Response again = delete("/api/v1/filings/" + filingId, PROVIDER_A_KEY);

    // then
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.body().get("title").asText()).isEqualTo("备案申请已结束");
    assertThat(again.body().get("detail").asText()).contains("WITHDRAWN", "不能撤回");
  }

  @Test
  void shouldFindARequestByItsRequestNo() {
    // given
    var submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));
    String filingId = post("/api/v1/filings", PROVIDER_A_KEY, submission).body().get("filingId").asText();

    // when
    Response found = get("/api/v1/filings?requestNo=" + submission.requestNo(), PROVIDER_A_KEY);

    // then
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().get("filingId").asText()).isEqualTo(filingId);
    assertThat(get("/api/v1/filings?requestNo=NO-SUCH-REQUEST", PROVIDER_A_KEY).status()).isEqualTo(404);
  }

  private String submitAndSend(Object submission) {
    Response created = post("/api/v1/filings", PROVIDER_A_KEY, submission);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String filingId = created.body().get("filingId").asText();
    runJobs(filingId);
    return filingId;
  }

  private static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  private static JsonNode verifier(JsonNode view, Person person) {
    String masked = PhoneNumbers.mask(person.phone());
    for (JsonNode v : view.get("verifiers")) {
      if (v.get("phone").asText().equals(masked)) {
        return v;
      }
    }
    throw new AssertionError("no verifier " + masked + " in " + view);
  }

  private static List<String> events(JsonNode view) {
    List<String> events = new ArrayList<>();
    view.get("history").forEach(h -> events.add(h.get("event").asText()));
    return events;
  }

  private static List<JsonNode> history(JsonNode view, String event) {
    List<JsonNode> entries = new ArrayList<>();
    view.get("history").forEach(h -> {
      if (h.get("event").asText().equals(event)) {
        entries.add(h);
      }
    });
    return entries;
  }
}
