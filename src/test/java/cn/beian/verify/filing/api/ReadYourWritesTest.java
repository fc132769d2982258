package cn.beian.verify.filing.api;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.FilingProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes (README "What a provider can rely on"): once an answer says the request changed, the request
 * view and the list never show an earlier state. The race this closes: the last verification's answer said
 * VERIFIED_COMPLETE while the request's status moved only in a later job of the process (after the save point behind
 * the verifiers, the join and the gateway), so a provider reading at once saw VERIFYING. Here the job executor is off
 * and jobs run only when the test says so: the worst case of that race, every time — the job has not run at all when
 * the provider reads. Each try reads the view and the list right after the answer, before any job, and again after.
 */
@SharedHttpContext
class ReadYourWritesTest extends HttpTestSupport {
  private static final int TRIES = 8;

  @Test
  void shouldShowUnderReviewAsSoonAsTheLastVerificationIsAnswered() {
    for (int i = 0; i < TRIES; i++) {
      // given a request whose two persons got their codes
      Person zhang = person("张三");
      Person li = person("李四");
      FilingSubmission submission = TestData.newFiling("CN-GS", zhang, li);
      String filingId = submitAndSend(submission);
      assertThat(check(zhang).get("result").asText()).isEqualTo("VERIFIED_PARTIAL");

      // when the last one verifies over the public API
      assertThat(check(li).get("result").asText()).isEqualTo("VERIFIED_COMPLETE");

      // then the request view and the list say so at once, before the process ran any job
      assertSeenAs(filingId, submission.requestNo(), "UNDER_REVIEW");
      // and the process catching up changes nothing the provider saw: one UNDER_REVIEW, the bureau's task there
      runJobs(filingId);
      JsonNode view = assertSeenAs(filingId, submission.requestNo(), "UNDER_REVIEW");
      assertThat(events(view)).filteredOn("UNDER_REVIEW"::equals).hasSize(1);
      assertThat(reviewTask(filingId)).isNotNull();
      assertThat(statusChanges(filingId)).containsExactly("VERIFYING", "UNDER_REVIEW");
    }
  }

  @Test
  void shouldShowApprovedAsSoonAsTheNewNumberOfAnApprovedPhoneChangeIsVerified() {
    // given a phone number change the bureau approved, whose new number is now to be verified
    Person newNumber = person("张三");
    FilingSubmission submission = TestData.ofType("PHONE_CHANGE", "CN-GS", newNumber, person("李四"),
        new Change(true, List.of(), false));
    String filingId = submitAndSend(submission);
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "同意变更"));
    runJobs(filingId);
    assertSeenAs(filingId, submission.requestNo(), "VERIFYING");

    // when the new number verifies
    assertThat(check(newNumber).get("result").asText()).isEqualTo("VERIFIED_COMPLETE");

    // then the change is approved at once, and the process catching up approves nothing twice
    assertSeenAs(filingId, submission.requestNo(), "APPROVED");
    runJobs(filingId);
    JsonNode view = assertSeenAs(filingId, submission.requestNo(), "APPROVED");
    assertThat(events(view)).filteredOn("APPROVED"::equals).hasSize(1);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId).count())
        .isZero();
    // (every request starts VERIFYING at its submission; a phone change goes to the bureau first)
    assertThat(statusChanges(filingId)).containsExactly("VERIFYING", "UNDER_REVIEW", "VERIFYING", "APPROVED");
  }

  private String submitAndSend(FilingSubmission submission) {
    Response created = post("/api/v1/filings", PROVIDER_A_KEY, submission);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String filingId = created.body().get("filingId").asText();
    runJobs(filingId);
    return filingId;
  }

  private JsonNode check(Person person) {
    Response answer = post("/api/v1/sms-verifications", null,
        Map.of("phone", person.phone(), "code", latestCode(person.phone()), "idLast6", last6(person)));
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return answer.body();
  }

  /** the request by id, by requestNo and in the list (filtered to that status) all show it in that status */
  private JsonNode assertSeenAs(String filingId, String requestNo, String status) {
    JsonNode view = get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body();
    assertThat(view.get("status").asText()).as("request view").isEqualTo(status);
    assertThat(get("/api/v1/filings?requestNo=" + requestNo, PROVIDER_A_KEY).body().get("status").asText())
        .as("request view by requestNo").isEqualTo(status);
    String submitted = view.get("history").get(0).get("at").asText();
    Instant at = OffsetDateTime.parse(submitted).toInstant();
    Response list = get("/api/v1/filings?limit=100&status=" + status + "&submittedFrom=" + q(at.minusSeconds(1))
        + "&submittedTo=" + q(at.plusSeconds(1)), PROVIDER_A_KEY);
    assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
    assertThat(list.body().get("items").findValuesAsText("filingId")).as("list filtered by status").contains(filingId);
    return view;
  }

  private static String q(Instant instant) {
    return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
  }

  private static List<String> events(JsonNode view) {
    return view.get("history").findValuesAsText("event");
  }

  /** the request's status changes in the change feed's table, in the order they were written */
  private List<String> statusChanges(String filingId) {
    return jdbc.queryForList("SELECT status FROM filing_change WHERE filing_id = ? AND event = 'filing.status_changed' "
        + "ORDER BY id", String.class, filingId);
  }
}
