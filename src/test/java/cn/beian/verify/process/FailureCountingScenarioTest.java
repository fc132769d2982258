package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.ReturnReason;
import cn.beian.verify.process.SmsVerificationProcess.Vars;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerifierStatus;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Who a failed check counts against (docs/rules.md §5 as revised 2026-11-30): only a check that identifies the verifier
 * — the right code, or the right ID suffix — counts; a check whose code and ID suffix both miss counts against nobody,
 * so knowing a citizen's phone number is not enough to get their requests returned.
 */
class FailureCountingScenarioTest extends ProcessScenarioSupport {

  private static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  private static String wrongSuffix(Person p) {
    return last6(p).equals("000000") ? "000001" : "000000";
  }

  @Test
  void shouldNotLetAnOutsiderWithThePhoneAloneReturnTheRequest() {
    // given a person pending in two requests
    Person zhang = person("张三");
    String a = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String b = submitAndSend(TestData.newFiling("CN-ZJ", zhang, person("王五")));
    String code = latestCode(zhang.phone());

    // when someone who knows only the phone makes ten checks with guessed codes and a guessed ID suffix
    for (int i = 0; i < 10; i++) {
      CheckOutcome outcome = verificationService.check(zhang.phone(), String.format("%06d", 100_000 + i),
          wrongSuffix(zhang));
      assertThat(outcome.result()).isEqualTo(CheckResult.NOT_FOUND);
      assertThat(outcome.failedVerifiers()).isEmpty();
    }
    runJobs(a);
    runJobs(b);

    // then nothing counted: no failure, no worn-out code, both requests still verifying
    for (String filingId : new String[] {a, b}) {
      assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isZero();
      assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.PENDING);
      assertThat(filing(filingId).status()).isEqualTo(FilingStatus.VERIFYING);
      assertThat(events(filingId)).doesNotContain("ATTEMPT_FAILED");
    }
    // and the person's own code still works
    assertThat(verificationService.check(zhang.phone(), code, last6(zhang)).result())
        .isEqualTo(CheckResult.VERIFIED_PARTIAL);
  }

  @Test
  void shouldCountNobodyForADeadCodeWithAWrongIdSuffix() {
    // given a code worn out by three wrong codes with the right suffix (three failures)
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String code = latestCode(zhang.phone());
    for (int i = 0; i < 3; i++) {
      verificationService.check(zhang.phone(), wrong(code), last6(zhang));
    }

    // when the dead code is entered with a wrong suffix, and then with the right one
    CheckOutcome withWrongSuffix = verificationService.check(zhang.phone(), code, wrongSuffix(zhang));
    int afterWrongSuffix = verifierOf(filingId, zhang.phone()).failedAttempts();
    CheckOutcome withRightSuffix = verificationService.check(zhang.phone(), code, last6(zhang));

    // then the first identifies nobody, the second identifies the person and counts (a dead code, docs/rules.md §5)
    assertThat(withWrongSuffix.result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(afterWrongSuffix).isEqualTo(3);
    assertThat(withRightSuffix.result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(4);
  }

  @Test
  void shouldWearOutTheCodeAndReturnTheRequestWithWrongCodesAndTheRightSuffix() {
    // given a pending person
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String code = latestCode(zhang.phone());

    // when three wrong codes are entered with the right ID suffix, then the right code
    for (int i = 0; i < 3; i++) {
      assertThat(verificationService.check(zhang.phone(), wrong(code), last6(zhang)).result())
          .isEqualTo(CheckResult.NOT_FOUND);
    }
    CheckOutcome deadCode = verificationService.check(zhang.phone(), code, last6(zhang));
    CheckOutcome fifth = verificationService.check(zhang.phone(), wrong(code), last6(zhang));
    runJobs(filingId);

    // then the code was dead after three (a 4th failure), and the 5th failure returned the request
    assertThat(deadCode.result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(fifth.result()).isEqualTo(CheckResult.FAILED);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(5);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.RETURNED);
    assertThat(filing(filingId).returnReason()).isEqualTo(ReturnReason.VERIFICATION_FAILED);
  }

  @Test
  void shouldCountTheRightCodeWithAWrongSuffixWithoutWearingOutTheCode() {
    // given a pending person
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String code = latestCode(zhang.phone());

    // when the right code comes with a wrong suffix four times
    for (int i = 0; i < 4; i++) {
      assertThat(verificationService.check(zhang.phone(), code, wrongSuffix(zhang)).result())
          .isEqualTo(CheckResult.WRONG_INFO);
    }

    // then four failures counted, and the code still verifies
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(4);
    assertThat(verificationService.check(zhang.phone(), code, last6(zhang)).result())
        .isEqualTo(CheckResult.VERIFIED_PARTIAL);
  }

  @Test
  void shouldCountAWrongCodeOnlyWhereTheIdSuffixMatches() {
    // given one phone pending in two requests, given with two different identity documents
    Person zhang = person("张三");
    Person zhangWithAnotherId = new Person("张三", zhang.phone(), "RESIDENT_ID", TestData.residentId());
    String a = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String b = submitAndSend(TestData.newFiling("CN-ZJ", zhangWithAnotherId, person("王五")));

    // when a wrong code comes with the suffix of the first request's document
    verificationService.check(zhang.phone(), wrong(wrong(latestCode(zhang.phone()))), last6(zhang));

    // then it counts there only
    assertThat(verifierOf(a, zhang.phone()).failedAttempts()).isEqualTo(1);
    assertThat(verifierOf(b, zhang.phone()).failedAttempts()).isZero();
  }

  @Test
  void shouldCountNothingWhenTheDeskEntersAWrongCodeAndAWrongSuffix() {
    // given the verifier's task in Tasklist
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    Task task = taskOf(filingId, zhang.phone());
    String code = latestCode(zhang.phone());

    // when the desk submits the form five times with a wrong code and a wrong suffix
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> submitForm(task, wrong(code), zhang.phone(), wrongSuffix(zhang)));
    }
    runJobs(filingId);

    // then nobody was identified: nothing counted, the task is open, the request still verifying
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isZero();
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.VERIFYING);
  }

  @Test
  void shouldCountAWrongCodeWithTheRightSuffixInTheDeskForm() {
    // given the verifier's task in Tasklist
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    Task task = taskOf(filingId, zhang.phone());
    String code = latestCode(zhang.phone());

    // when the desk submits a wrong code with the right suffix
    assertThatThrownBy(() -> submitForm(task, wrong(code), zhang.phone(), last6(zhang)));

    // then it counts against the verifier
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(1);
  }

  private Task taskOf(String filingId, String phone) {
    String taskId = verifierOf(filingId, phone).taskId();
    return engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
  }

  private void submitForm(Task task, String code, String phone, String idLast6) {
    engine.getFormService().submitTaskForm(task.getId(),
        Map.of(Vars.SMS_CODE, code, Vars.PHONE, phone, Vars.ID_LAST6, idLast6));
  }
}
