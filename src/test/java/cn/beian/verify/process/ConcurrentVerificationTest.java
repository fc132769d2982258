package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;

/** Two verifiers finishing at the same instant, on two real threads. */
class ConcurrentVerificationTest extends ProcessScenarioSupport {

  @Test
  void shouldCompleteBothVerificationsWithoutAnIncidentWhenVerifiersFinishAtOnce() throws Exception {
    // given a request with two verifiers and their codes
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    String zhangCode = latestCode(zhang.phone());
    String liCode = latestCode(li.phone());

    // when both check at the same moment
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<CheckOutcome> a = CompletableFuture.supplyAsync(() -> {
        await(start);
        return verificationService.check(zhang.phone(), zhangCode, last6(zhang));
      }, pool);
      CompletableFuture<CheckOutcome> b = CompletableFuture.supplyAsync(() -> {
        await(start);
        return verificationService.check(li.phone(), liCode, last6(li));
      }, pool);

      // then both succeed, exactly one of them completes the request
      List<CheckResult> results = List.of(a.get().result(), b.get().result());
      assertThat(results).containsExactlyInAnyOrder(CheckResult.VERIFIED_PARTIAL, CheckResult.VERIFIED_COMPLETE);
    } finally {
      pool.shutdownNow();
    }

    // and the join runs from the async save points, without an incident on this request, open or resolved
    runJobs(filingId);
    assertThat(incidentsOf(filingId)).isEmpty();
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    BpmnAwareTests.assertThat(filingInstance(filingId)).isWaitingAt(FilingProcess.Elements.REVIEW_FILING);
  }

  @Test
  void shouldLeaveEachVerifiersCompletionAtASavePointBeforeTheJoin() {
    // given a request with two verifiers
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));

    // when the first verifies
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));

    // then its verification instance waits at its own async save point, not inside the join
    assertThat(dueJobs(filingId)).extracting(job -> engine.getManagementService().createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId())
        .containsExactly(SmsVerificationProcess.Elements.VERIFY_PER_VERIFIER);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
