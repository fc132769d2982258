package cn.beian.verify.security;

import static cn.beian.verify.security.SecurityTestProcesses.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.RefusalException;
import cn.beian.verify.process.SmsVerificationProcess;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 10, attacks 2 and 3: a client-written variable redirecting the process. Completing a task sets only that
 * task's declared outputs; replayed, both attacks leave both requests and both processes as they were. Beneath the
 * refusals, the product's own code no longer reads the variables the attacks wrote.
 */
@SharedHttpContext
@ExtendWith(OutputCaptureExtension.class)
class ProcessVariableAttackTest extends StaffRestSupport {

  @AfterEach
  void logout() {
    engine.getIdentityService().clearAuthentication();
  }

  static Stream<Arguments> completions() {
    return Stream.of("rest", "webapp").flatMap(surface -> Stream.of("complete", "submit-form", "resolve")
        .map(operation -> Arguments.of(surface, operation)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("completions")
  void shouldNotLetAReviewerDecideAnotherProvincesRequest(String surface, String operation, CapturedOutput output) {
    // given a Gansu request under review and a Zhejiang request that was returned
    TestFiling gansu = underReview("CN-GS");
    TestFiling zhejiang = returned("CN-ZJ");
    Task review = reviewTask(gansu.id());
    List<String> waitingIn = activeActivities(filingInstance(gansu.id()).getId());
    int logFrom = output.getAll().length();

    // when Gansu's reviewer completes its own task, slipping in Zhejiang's filingId (attack 2 of issue 10)
    Response response = call(surface, "reviewer-gs", "POST", "/task/" + review.getId() + "/" + operation,
        "{\"variables\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"},"
            + "\"reviewComment\":{\"value\":\"同意\",\"type\":\"String\"},"
            + "\"filingId\":{\"value\":\"" + zhejiang.id() + "\",\"type\":\"String\"}}}");

    // then a 400 naming the field, and nothing happened to either request or process
    assertRefusal(response, 400);
    assertThat(fields(response)).containsExactly("filingId");
    assertUntouched(gansu, zhejiang, review, waitingIn);
    assertNoErrorLogged(output, logFrom);
  }

  @Test
  void shouldRefuseTheForeignFilingIdInTheEngineToo() {
    // given
    TestFiling gansu = underReview("CN-GS");
    TestFiling zhejiang = returned("CN-ZJ");
    Task review = reviewTask(gansu.id());
    List<String> waitingIn = activeActivities(filingInstance(gansu.id()).getId());
    // when the reviewer goes to the engine directly, past the HTTP edge
    login(engine.getIdentityService(), "reviewer-gs");
    assertThatThrownBy(() -> engine.getTaskService().complete(review.getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.FILING_ID, zhejiang.id())))
        .isInstanceOf(RefusalException.class).hasMessageContaining("filingId");
    assertThatThrownBy(() -> engine.getFormService().submitTaskForm(review.getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.FILING_ID, zhejiang.id())))
        .isInstanceOf(RefusalException.class);
    engine.getIdentityService().clearAuthentication();
    // then
    assertUntouched(gansu, zhejiang, review, waitingIn);
  }

  @Test
  void shouldRecordTheDecisionOnTheInstancesOwnRequestWhateverItsVariablesSay() {
    // given Gansu's instance whose filingId variable names Zhejiang's returned request (as an administrator could set it)
    TestFiling gansu = underReview("CN-GS");
    TestFiling zhejiang = returned("CN-ZJ");
    engine.getRuntimeService().setVariable(filingInstance(gansu.id()).getId(), FilingProcess.Vars.FILING_ID, zhejiang.id());
    // when Gansu's reviewer approves through Tasklist
    Response response = webapp("reviewer-gs", "POST", "/task/" + reviewTask(gansu.id()).getId() + "/submit-form",
        "{\"variables\":{\"approved\":{\"value\":true},\"reviewComment\":{\"value\":\"材料齐全\"}}}");
    // then the decision went to the instance's own request (its business key), not to the one the variable names
    assertThat(response.status()).as(response.raw().body()).isEqualTo(204);
    assertThat(filings.get(gansu.id()).status()).isEqualTo(FilingStatus.APPROVED);
    assertThat(filings.get(gansu.id()).reviewedBy()).isEqualTo("reviewer-gs");
    Filing returned = filings.get(zhejiang.id());
    assertThat(returned.status()).isEqualTo(FilingStatus.RETURNED);
    assertThat(returned.reviewDecision()).isNull();
  }

  static Stream<Arguments> deskSubmissions() {
    return Stream.of("rest", "webapp").flatMap(surface -> Stream.of("complete", "submit-form")
        .map(operation -> Arguments.of(surface, operation)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("deskSubmissions")
  void shouldNotLetTheDeskVerifySomeoneWithAnotherVerifiersId(String surface, String operation) {
    // given a Zhejiang request where 张三 verified and 李四 did not
    TestFiling zhejiang = verifying("CN-ZJ");
    assertThat(verificationService.check(zhejiang.zhang().phone(), latestCode(zhejiang.zhang().phone()),
        TestData.last6(zhejiang.zhang())).result()).isEqualTo(CheckResult.VERIFIED_PARTIAL);
    Verifier verified = verifierOf(zhejiang, zhejiang.zhang());
    Verifier pending = verifierOf(zhejiang, zhejiang.li());

    // when the desk completes 李四's task twice, naming 张三's verifier (attack 3 of issue 10)
    for (int i = 0; i < 2; i++) {
      Response response = call(surface, "desk", "POST", "/task/" + pending.taskId() + "/" + operation,
          "{\"variables\":{\"verifierId\":{\"value\":\"" + verified.id() + "\"}}}");
      // then a 400 naming the field
      assertRefusal(response, 400);
      assertThat(fields(response)).containsExactly(SmsVerificationProcess.Vars.VERIFIER_ID);
    }

    // and no code was ever entered for 李四: still pending, the task open, the request still verifying
    assertThat(verifiers.get(pending.id()).status()).isEqualTo(VerifierStatus.PENDING);
    assertThat(engine.getTaskService().createTaskQuery().taskId(pending.taskId()).count()).isOne();
    assertThat(filings.get(zhejiang.id()).status()).isEqualTo(FilingStatus.VERIFYING);
    assertThat(reviewTask(zhejiang.id())).isNull();
  }

  @Test
  void shouldFindTheVerifierByItsTaskNotByAVariable() {
    // given 张三 verified, and 李四's task execution made to say it is 张三's (as an administrator could write it)
    TestFiling zhejiang = verifying("CN-ZJ");
    assertThat(verificationService.check(zhejiang.zhang().phone(), latestCode(zhejiang.zhang().phone()),
        TestData.last6(zhejiang.zhang())).result()).isEqualTo(CheckResult.VERIFIED_PARTIAL);
    Verifier verified = verifierOf(zhejiang, zhejiang.zhang());
    Verifier pending = verifierOf(zhejiang, zhejiang.li());
    Task task = engine.getTaskService().createTaskQuery().taskId(pending.taskId()).singleResult();
    engine.getRuntimeService().setVariableLocal(task.getExecutionId(), SmsVerificationProcess.Vars.VERIFIER_ID, verified.id());

    // when the desk completes 李四's task with no code at all
    Response empty = rest("desk", "POST", "/task/" + task.getId() + "/complete", "{\"variables\":{}}");

    // then it is refused: the task is 李四's, and 李四 has not verified
    assertRefusal(empty, 400);
    assertThat(verifiers.get(pending.id()).status()).isEqualTo(VerifierStatus.PENDING);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isOne();

    // when the desk enters 李四's own code
    Response right = rest("desk", "POST", "/task/" + task.getId() + "/submit-form", verifierForm(
        latestCode(zhejiang.li().phone()), zhejiang.li().phone(), TestData.last6(zhejiang.li())));

    // then 李四 is verified, through the task's own verifier
    assertThat(right.status()).as(right.raw().body()).isEqualTo(204);
    assertThat(verifiers.get(pending.id()).status()).isEqualTo(VerifierStatus.VERIFIED);
  }

  static Stream<Arguments> badDecisions() {
    return Stream.of(
        Arguments.of("{\"approved\":{\"value\":\"true\",\"type\":\"String\"}}", "approved", "审核结论"),
        Arguments.of("{\"approved\":{\"value\":\"true\"}}", "approved", "审核结论"),
        Arguments.of("{\"reviewComment\":{\"value\":\"材料齐全\"}}", "approved", "审核结论"),
        Arguments.of("{\"approved\":{\"value\":true},\"reviewComment\":{\"value\":42,\"type\":\"Integer\"}}",
            "reviewComment", "审核意见"),
        Arguments.of("{\"approved\":{\"value\":true},\"reviewComment\":{\"value\":\"" + "长".repeat(1001) + "\"}}",
            "reviewComment", "审核意见"),
        Arguments.of("{\"approved\":{\"value\":true},\"reviewComment\":{\"value\":\"{}\",\"type\":\"Json\"}}",
            "reviewComment", "审核意见"));
  }

  @ParameterizedTest
  @MethodSource("badDecisions")
  void shouldRefuseADecisionOfTheWrongTypeOrSizeNamingTheFieldByItsLabel(String variables, String field, String label) {
    // given
    TestFiling gansu = underReview("CN-GS");
    Task review = reviewTask(gansu.id());
    // when
    Response response = webapp("reviewer-gs", "POST", "/task/" + review.getId() + "/submit-form",
        "{\"variables\":" + variables + "}");
    // then
    assertRefusal(response, 400);
    assertThat(fields(response)).containsExactly(field);
    assertThat(response.body().get("message").asText()).contains(label);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();
    assertThat(filings.get(gansu.id()).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
  }

  @Test
  void shouldLetStaffClaimTasksOnlyForThemselves() {
    // given Gansu's review task
    Task review = reviewTask(underReview("CN-GS").id());
    // when the reviewer claims it for the desk (the assignee gets to work the task), then for itself
    Response forOthers = webapp("reviewer-gs", "POST", "/task/" + review.getId() + "/claim", "{\"userId\":\"desk\"}");
    assertRefusal(forOthers, 403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isNull();
    Response forItself = webapp("reviewer-gs", "POST", "/task/" + review.getId() + "/claim", "{\"userId\":\"reviewer-gs\"}");
    // then
    assertThat(forItself.status()).as(forItself.raw().body()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult().getAssignee())
        .isEqualTo("reviewer-gs");
  }

  @Test
  void shouldNotLetTheVerifierFormBeParkedInTheRuntimeThroughResolve() {
    // given a verifier task (never delegated)
    TestFiling filing = verifying("CN-GS");
    Verifier zhang = verifierOf(filing, filing.zhang());
    // when the desk "resolves" it with the form's fields
    Response response = rest("desk", "POST", "/task/" + zhang.taskId() + "/resolve", "{\"variables\":{"
        + "\"smsCode\":{\"value\":\"" + latestCode(filing.zhang().phone()) + "\"},"
        + "\"phone\":{\"value\":\"" + filing.zhang().phone() + "\"},\"idLast6\":{\"value\":\"000000\"}}}");
    // then refused, and no code or phone sits in the runtime tables
    assertRefusal(response, 400);
    assertThat(engine.getTaskService().getVariablesLocal(zhang.taskId()).values()).containsOnlyNulls();
    assertThat(verifiers.get(zhang.id()).status()).isEqualTo(VerifierStatus.PENDING);
  }

  private void assertUntouched(TestFiling gansu, TestFiling zhejiang, Task review, List<String> waitingIn) {
    assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).count()).isOne();
    Filing own = filings.get(gansu.id());
    assertThat(own.status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    assertThat(own.reviewDecision()).isNull();
    assertThat(activeActivities(filingInstance(gansu.id()).getId())).isEqualTo(waitingIn);
    Filing foreign = filings.get(zhejiang.id());
    assertThat(foreign.status()).isEqualTo(FilingStatus.RETURNED);
    assertThat(foreign.reviewDecision()).isNull();
    assertThat(filingInstance(zhejiang.id())).isNull();
    assertThat(engine.getRuntimeService().getVariable(filingInstance(gansu.id()).getId(), FilingProcess.Vars.FILING_ID))
        .isEqualTo(gansu.id());
  }

  private String verifierForm(String code, String phone, String idLast6) {
    return "{\"variables\":{\"smsCode\":{\"value\":\"" + code + "\"},\"phone\":{\"value\":\"" + phone + "\"},"
        + "\"idLast6\":{\"value\":\"" + idLast6 + "\"}}}";
  }

  static List<String> fields(Response response) {
    return response.body().path("errors").findValues("field").stream().map(JsonNode::asText).toList();
  }
}
