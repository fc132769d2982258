package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingClosedException;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.InvalidFilingException;
import cn.beian.verify.review.ReviewService;
import cn.beian.verify.review.ReviewView;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerifierStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FilingProcessScenarioTest extends ProcessScenarioSupport {
  @Autowired ReviewService reviewService;

  @Test
  void shouldSendRequestToItsBureauWhenEveryVerifierVerified() {
    // given a new website filing in Gansu with two different principals
    Person zhang = person("张三");
    Person ouyang = person("欧阳娜娜");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, ouyang));

    // then each got one SMS with a code, and the request waits for both
    assertThat(smsTo(zhang.phone())).hasSize(1);
    assertThat(smsTo(ouyang.phone())).hasSize(1);
    assertThat(smsTo(zhang.phone()).get(0)).doesNotContain(zhang.phone()).contains("/v/");
    assertThat(verifierTasks(filingId)).hasSize(2);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.VERIFYING);

    // when the first verifies
    CheckOutcome first = verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    // then
    assertThat(first.result()).isEqualTo(CheckResult.VERIFIED_PARTIAL);
    assertThat(first.message()).isEqualTo("张*的短信核验完成。请等待其他待核验人进行短信核验。");

    // when the second verifies (the lower-case x of an ID suffix matches an upper-case X as well)
    CheckOutcome second = verificationService.check(ouyang.phone(), latestCode(ouyang.phone()), last6(ouyang).toLowerCase());
    runJobs(filingId);

    // then the request is under review by the Gansu bureau, with the verification trail masked
    assertThat(second.result()).isEqualTo(CheckResult.VERIFIED_COMPLETE);
    assertThat(second.message()).isEqualTo("欧**娜的短信核验完成。您的请求已完成全部核验,该请求将提交管局审核。");
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    BpmnAwareTests.assertThat(filingInstance(filingId)).isWaitingAt(FilingProcess.Elements.REVIEW_FILING);
    Task review = reviewTask(filingId);
    assertThat(review.getTenantId()).isEqualTo("CN-GS");
    assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
        .contains("bureau-CN-GS");
    // (the task names the request and keeps no variable of its own: the form's content is read when it opens)
    assertThat(review.getName()).contains(filing(filingId).requestNo(), "首次备案", "兰州示例科技有限公司")
        .doesNotContain("张", "欧阳");
    assertThat(engine.getTaskService().getVariablesLocal(review.getId())).isEmpty();
    ReviewView trail = reviewService.view(filingId, false);
    assertThat(trail.verifications()).extracting(ReviewView.Verification::name, ReviewView.Verification::status)
        .containsExactlyInAnyOrder(tuple("张*", "已核验"), tuple("欧**娜", "已核验"));
    assertThat(trail.toString()).doesNotContain(zhang.phone(), zhang.idNumber(), "张三");

    // when the reviewer approves
    engine.getTaskService().complete(review.getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "材料齐全"));

    // then
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.APPROVED);
    assertThat(filing(filingId).reviewComment()).isEqualTo("材料齐全");
    assertThat(filingInstance(filingId)).isNull();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(filingInstanceId(filingId))
        .activityId(FilingProcess.Elements.FILING_APPROVED).count()).isEqualTo(1);
    assertThat(events(filingId)).containsSubsequence("SUBMITTED", "SMS_SENT", "SMS_SENT", "VERIFIED", "VERIFIED",
        "UNDER_REVIEW", "REVIEWED", "APPROVED");
  }

  @Test
  void shouldCloseRequestAsRejectedWhenReviewerRejects() {
    // given a request whose only verifier verified
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.ofType("CANCEL_ENTITY", "CN-ZJ", zhang, person("李四"), null));
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    runJobs(filingId);

    // when the bureau rejects
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, false, FilingProcess.Vars.REVIEW_COMMENT, "主体信息不符"));

    // then
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.REJECTED);
    assertThat(filing(filingId).reviewDecision()).isEqualTo("REJECTED");
    assertThat(filingInstance(filingId)).isNull();
  }

  @Test
  void shouldNeedOnlyOneVerifierForWebsiteCancellation() {
    // given 注销网站: entity principal or website principal, one is enough
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.ofType("CANCEL_WEBSITE", "CN-GS", zhang, li, null));
    assertThat(smsTo(li.phone())).hasSize(1);

    // when the website principal verifies
    CheckOutcome outcome = verificationService.check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);

    // then the request is complete and goes to review; the other code is dead
    assertThat(outcome.result()).isEqualTo(CheckResult.VERIFIED_COMPLETE);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.CANCELLED);
    assertThat(verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang)).result())
        .isEqualTo(CheckResult.NOT_FOUND);
  }

  @Test
  void shouldSendOneSmsToAPhoneHoldingSeveralRoles() {
    // given the same person as entity and website principal
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, zhang));

    // then one SMS, one verification covering both roles
    assertThat(smsTo(zhang.phone())).hasSize(1);
    assertThat(verifiers.ofFiling(filingId)).singleElement()
        .satisfies(v -> assertThat(v.roles()).containsExactly("ENTITY_PRINCIPAL", "WEBSITE_PRINCIPAL"));

    // when that person verifies once, the request is complete
    assertThat(verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang)).result())
        .isEqualTo(CheckResult.VERIFIED_COMPLETE);
    runJobs(filingId);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
  }

  @Test
  void shouldRefuseOnePhoneWithTwoIdentityDocuments() {
    // given two persons sharing a phone with different ID numbers
    Person zhang = person("张三");
    Person other = new Person("李四", zhang.phone(), "RESIDENT_ID", TestData.residentId());
    FilingSubmission submission = TestData.newFiling("CN-GS", zhang, other);

    // when / then: refused, nothing stored, no process
    assertThatThrownBy(() -> submit(submission)).isInstanceOf(InvalidFilingException.class)
        .satisfies(e -> assertThat(((InvalidFilingException) e).errors()).anySatisfy(
            err -> assertThat(err.message()).contains("不同的证件号码")));
    assertThat(filings.findByRequestNo(PROVIDER, submission.requestNo())).isEmpty();
    assertThat(smsTo(zhang.phone())).isEmpty();
  }

  @Test
  void shouldGoStraightToReviewWhenNobodyMustVerify() {
    // given 取消接入 and a remarks-only change
    Person zhang = person("张三");
    String cancelAccess = submitAndSend(TestData.ofType("CANCEL_ACCESS", "CN-GS", zhang, person("李四"), null));
    String remarksOnly = submitAndSend(TestData.ofType("CHANGE", "CN-GS", person("王五"), person("赵六"),
        new Change(false, List.of(), true)));

    // then no SMS, and both wait for review
    assertThat(smsTo(zhang.phone())).isEmpty();
    for (String filingId : List.of(cancelAccess, remarksOnly)) {
      assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
      BpmnAwareTests.assertThat(filingInstance(filingId)).isWaitingAt(FilingProcess.Elements.REVIEW_FILING);
      assertThat(verifiers.ofFiling(filingId)).isEmpty();
    }
  }

  @Test
  void shouldVerifyOnlyChangedWebsitesPrincipalsInAWebsiteChange() {
    // given a change of website data only
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.ofType("CHANGE", "CN-GS", zhang, li, new Change(false, List.of("w1"), false)));

    // then only the changed website's principal is texted
    assertThat(smsTo(zhang.phone())).isEmpty();
    assertThat(smsTo(li.phone())).hasSize(1);
  }

  @Test
  void shouldSkipVerificationOutsideTheRollout() {
    // given Beijing before the nationwide rollout of 2020-08-17, and Gansu after its pilot start
    setClock(Instant.parse("2019-01-01T02:00:00Z"));
    Person zhang = person("张三");
    String beijing = submitAndSend(TestData.newFiling("CN-BJ", zhang, person("李四")));
    Person wang = person("王五");
    String gansu = submitAndSend(TestData.newFiling("CN-GS", wang, person("赵六")));

    // then Beijing goes straight to review, Gansu verifies
    assertThat(smsTo(zhang.phone())).isEmpty();
    assertThat(filing(beijing).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    assertThat(smsTo(wang.phone())).hasSize(1);
    assertThat(filing(gansu).status()).isEqualTo(FilingStatus.VERIFYING);
  }

  @Test
  void shouldDecideTheRouteOnceInTheStepThatResolvesTheVerifiers() {
    // given a first filing, a phone number change, a cancelled access (nobody verifies)
    String firstFiling = submitAndSend(TestData.newFiling("CN-GS", person("张三"), person("李四")));
    String phoneChange = submitAndSend(TestData.ofType("PHONE_CHANGE", "CN-GS", person("王五"), person("赵六"),
        new Change(true, List.of(), false)));
    String cancelAccess = submitAndSend(TestData.ofType("CANCEL_ACCESS", "CN-GS", person("钱七"), person("孙八"), null));

    // then each request's route was written exactly once, by that step, and is what docs/rules.md §2/§8 say
    assertThat(routeWrites(firstFiling)).containsExactly(tuple(FilingProcess.Elements.RESOLVE_VERIFIERS, "VERIFY_THEN_REVIEW", 1L));
    assertThat(routeWrites(phoneChange)).containsExactly(tuple(FilingProcess.Elements.RESOLVE_VERIFIERS, "REVIEW_THEN_VERIFY", 1L));
    assertThat(routeWrites(cancelAccess)).containsExactly(tuple(FilingProcess.Elements.RESOLVE_VERIFIERS, "REVIEW_ONLY", 1L));
  }

  @Test
  void shouldNotAskTheVerifierDecisionWhereTheRolloutDoesNotApply() {
    // given Beijing before the nationwide rollout, and Gansu after its pilot start
    setClock(Instant.parse("2019-01-01T02:00:00Z"));
    String beijing = submitAndSend(TestData.newFiling("CN-BJ", person("张三"), person("李四")));
    String gansu = submitAndSend(TestData.newFiling("CN-GS", person("王五"), person("赵六")));

    // then Beijing's "no" spared the verifier decision; Gansu asked the rollout first, then the verifiers
    assertThat(decisionsOf(beijing)).containsExactly(FilingProcess.Decisions.SMS_VERIFICATION_ROLLOUT);
    assertThat(verifiers.ofFiling(beijing)).isEmpty();
    assertThat(decisionsOf(gansu)).containsExactlyInAnyOrder(FilingProcess.Decisions.SMS_VERIFICATION_ROLLOUT,
        FilingProcess.Decisions.VERIFIER_ROLES);
    assertThat(activitiesOf(gansu)).containsSubsequence(FilingProcess.Elements.CHECK_ROLLOUT,
        FilingProcess.Elements.DETERMINE_VERIFIERS, FilingProcess.Elements.RESOLVE_VERIFIERS);
  }

  @Test
  void shouldReviewPhoneChangeFirstAndThenVerifyTheNewNumber() {
    // given a phone number change of the entity principal (the request carries the new number)
    Person newNumber = person("张三");
    String filingId = submitAndSend(TestData.ofType("PHONE_CHANGE", "CN-GS", newNumber, person("李四"),
        new Change(true, List.of(), false)));

    // then the bureau reviews first; nothing is sent yet
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    assertThat(smsTo(newNumber.phone())).isEmpty();

    // when approved, the new number is verified
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "同意变更"));
    runJobs(filingId);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.VERIFYING);
    assertThat(smsTo(newNumber.phone())).hasSize(1);
    assertThat(verificationService.check(newNumber.phone(), latestCode(newNumber.phone()), last6(newNumber)).result())
        .isEqualTo(CheckResult.VERIFIED_COMPLETE);
    runJobs(filingId);

    // then the change is approved
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.APPROVED);
    assertThat(filingInstance(filingId)).isNull();
  }

  @Test
  void shouldNotTextTheNewNumberWhenThePhoneChangeIsRejected() {
    Person newNumber = person("张三");
    String filingId = submitAndSend(TestData.ofType("PHONE_CHANGE", "CN-GS", newNumber, person("李四"),
        new Change(true, List.of(), false)));

    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, false, FilingProcess.Vars.REVIEW_COMMENT, "材料不符"));
    runJobs(filingId);

    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.REJECTED);
    assertThat(smsTo(newNumber.phone())).isEmpty();
    // and the verification that was to follow an approval is closed with the request, not left pending
    assertThat(verifierOf(filingId, newNumber.phone()).status()).isEqualTo(VerifierStatus.CANCELLED);
    assertThat(verifiers.ofFiling(filingId)).noneMatch(v -> v.status() == VerifierStatus.PENDING);
    assertThat(filingInstance(filingId)).isNull();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(filingInstanceId(filingId)).activityId(FilingProcess.Elements.FILING_REJECTED).count())
        .isEqualTo(1);
  }

  @Test
  void shouldEndTheRequestAndKillItsCodesWhenWithdrawn() {
    // given a request in verification
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String code = latestCode(zhang.phone());

    // when the access provider withdraws it
    filingService.withdraw(filingId);

    // then it is closed, its process ended, its codes dead
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.WITHDRAWN);
    assertThat(filingInstance(filingId)).isNull();
    assertThat(verificationInstance(filingId)).isNull();
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.CANCELLED);
    assertThat(verificationService.check(zhang.phone(), code, last6(zhang)).result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThatThrownBy(() -> filingService.withdraw(filingId)).isInstanceOf(FilingClosedException.class);
  }

  /**
   * the request's route: the step it was written in (its history row was created while that step ran), its value,
   * and how often it was written (the runtime variable's sequence counter: 1 at creation, one more for every later
   * write, even of the same value). History keeps no per-write detail rows of the product's processes (issue 17).
   */
  private List<org.assertj.core.groups.Tuple> routeWrites(String filingId) {
    var history = engine.getHistoryService();
    String instance = filingInstanceId(filingId);
    var route = (VariableInstanceEntity) engine.getRuntimeService().createVariableInstanceQuery()
        .processInstanceIdIn(instance).variableName(FilingProcess.Vars.ROUTE).singleResult();
    var kept = history.createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName(FilingProcess.Vars.ROUTE).singleResult();
    var writer = history.createHistoricActivityInstanceQuery().processInstanceId(instance).finished().list().stream()
        .filter(step -> !kept.getCreateTime().before(step.getStartTime())
            && !kept.getCreateTime().after(step.getEndTime()))
        .map(HistoricActivityInstance::getActivityId)
        .filter(FilingProcess.Elements.RESOLVE_VERIFIERS::equals)
        .findFirst().orElse("no step that ran when it was written");
    assertThat(kept.getValue()).isEqualTo(route.getValue());
    return List.of(tuple(writer, route.getValue(), route.getSequenceCounter()));
  }

  private List<String> decisionsOf(String filingId) {
    return engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(filingInstanceId(filingId))
        .list().stream().map(HistoricDecisionInstance::getDecisionDefinitionKey).toList();
  }

  private List<String> activitiesOf(String filingId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(filingInstanceId(filingId))
        .orderPartiallyByOccurrence().asc().list().stream().map(HistoricActivityInstance::getActivityId).toList();
  }
}
