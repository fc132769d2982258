package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.ReturnReason;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.ResendResult;
import cn.beian.verify.verification.VerifierStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;

/** Attempt limits, expiry and resends (docs/rules.md §4–§6) on the real process. */
class VerificationRulesScenarioTest extends ProcessScenarioSupport {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  @Test
  void shouldReturnRequestAtOnceWhenFifthAttemptFails() {
    // given two verifiers
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    String liCode = latestCode(li.phone());
    String code = latestCode(zhang.phone());

    // when four wrong entries are made
    for (int i = 0; i < 4; i++) {
      assertThat(verificationService.check(zhang.phone(), wrong(code), last6(zhang)).result()).isEqualTo(CheckResult.NOT_FOUND);
    }
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(4);
    // and the fifth
    CheckOutcome fifth = verificationService.check(zhang.phone(), wrong(code), last6(zhang));
    runJobs(filingId);

    // then the verifier failed, the request is returned at once, and the other person's code is dead
    assertThat(fifth.result()).isEqualTo(CheckResult.FAILED);
    assertThat(fifth.message()).isEqualTo("尊敬的ICP用户:您的短信核验失败,请您重新验证。");
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.FAILED);
    assertThat(verifierOf(filingId, li.phone()).status()).isEqualTo(VerifierStatus.CANCELLED);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.RETURNED);
    assertThat(filing(filingId).returnReason()).isEqualTo(ReturnReason.VERIFICATION_FAILED);
    assertThat(verificationService.check(li.phone(), liCode, last6(li)).result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(filingInstance(filingId)).isNull();
    assertThat(incidentsOf(filingId)).isEmpty();
  }

  @Test
  void shouldKillACodeAfterThreeWrongChecksAndCountTheDeadCodeAsAFailure() {
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String code = latestCode(zhang.phone());

    for (int i = 0; i < 3; i++) {
      verificationService.check(zhang.phone(), wrong(code), last6(zhang));
    }
    // the right code is dead now: NOT_FOUND, and a fourth failure
    assertThat(verificationService.check(zhang.phone(), code, last6(zhang)).result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(4);
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.PENDING);
  }

  @Test
  void shouldNotWearOutTheCodeWhenOnlyTheIdSuffixIsWrong() {
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String code = latestCode(zhang.phone());

    for (int i = 0; i < 3; i++) {
      CheckOutcome outcome = verificationService.check(zhang.phone(), code, "000000");
      assertThat(outcome.result()).isEqualTo(CheckResult.WRONG_INFO);
      assertThat(outcome.message()).isEqualTo("张*的短信核验失败,请输入正确的信息。");
    }
    assertThat(verificationService.check(zhang.phone(), code, last6(zhang)).result()).isEqualTo(CheckResult.VERIFIED_PARTIAL);
    assertThat(verificationService.check(zhang.phone(), code, last6(zhang)).message())
        .isEqualTo("张*的短信核验已经完成,无需重复提交");
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(3);
  }

  @Test
  void shouldAnswerNotFoundWithoutCountingForAPhoneWithNothingPending() {
    CheckOutcome outcome = verificationService.check(TestData.phone(), "123456", "12345X");
    assertThat(outcome.result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(outcome.message()).isEqualTo("该条验证库里找不到记录。");
  }

  @Test
  void shouldReturnRequestAsExpiredWhenTheWindowCloses() {
    // given a request submitted at 11:00 Beijing, whose window closes in 24 hours (before the next noon)
    Instant submitted = Instant.parse("2026-11-22T03:00:00Z");
    setClock(submitted);
    Person zhang = person("张三");
    Person verifierPerson = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, verifierPerson));
    String code = latestCode(zhang.phone());
    assertThat(filing(filingId).verificationDeadline()).isEqualTo(submitted.plus(Duration.ofHours(24)));

    Person li = verifierPerson;
    // when 1 ms before the deadline a code is checked: the window is open, nothing is due yet
    setClock(submitted.plus(Duration.ofHours(24)).minusMillis(1));
    assertThat(dueJobs(filingId)).isEmpty();
    assertThat(verificationService.check(li.phone(), latestCode(li.phone()), last6(li)).result())
        .isEqualTo(CheckResult.VERIFIED_PARTIAL);
    // and 1 ms after it, even before the timer has fired, the window is closed
    setClock(submitted.plus(Duration.ofHours(24)).plusMillis(1));
    assertThat(verificationService.check(zhang.phone(), code, last6(zhang)).result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isZero();
    runJobs(filingId);

    // then
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.RETURNED);
    assertThat(filing(filingId).returnReason()).isEqualTo(ReturnReason.EXPIRED);
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.EXPIRED);
    assertThat(verifierOf(filingId, li.phone()).status()).isEqualTo(VerifierStatus.VERIFIED);
    assertThat(events(filingId)).contains("EXPIRED", "RETURNED");
  }

  @Test
  void shouldResendAutomaticallyAtNoonBeijingTheNextDay() {
    // given a request first sent at 23:59:59 Beijing: noon comes before the window closes
    setClock(ZonedDateTime.of(2026, 11, 22, 23, 59, 59, 0, BEIJING).toInstant());
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    String firstCode = latestCode(zhang.phone());
    verificationService.check(li.phone(), latestCode(li.phone()), last6(li));

    // when the engine's clock reaches noon the next day
    setClock(ZonedDateTime.of(2026, 11, 23, 12, 0, 0, 0, BEIJING).toInstant());
    runJobs(filingId);

    // then the pending verifier got a new code, the verified one nothing; the old code is dead
    assertThat(smsTo(zhang.phone())).hasSize(2);
    assertThat(smsTo(li.phone())).hasSize(1);
    String newCode = latestCode(zhang.phone());
    assertThat(newCode).isNotEqualTo(firstCode);
    assertThat(verifierOf(filingId, zhang.phone()).manualResends()).isZero();
    assertThat(verifierOf(filingId, zhang.phone()).autoResent()).isTrue();
    assertThat(verificationService.check(zhang.phone(), firstCode, last6(zhang)).result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(verificationService.check(zhang.phone(), newCode, last6(zhang)).result()).isEqualTo(CheckResult.VERIFIED_COMPLETE);
  }

  @Test
  void shouldNeverResendAutomaticallyWhenTheWindowClosesBeforeNoon() {
    // given a first send at 12:00:00 Beijing: the next noon is exactly the deadline
    setClock(ZonedDateTime.of(2026, 11, 22, 12, 0, 0, 0, BEIJING).toInstant());
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));

    // when the deadline (= noon) passes
    setClock(ZonedDateTime.of(2026, 11, 23, 12, 0, 1, 0, BEIJING).toInstant());
    runJobs(filingId);

    // then the request expired and no second SMS went out
    assertThat(smsTo(zhang.phone())).hasSize(1);
    assertThat(filing(filingId).returnReason()).isEqualTo(ReturnReason.EXPIRED);
  }

  @Test
  void shouldResendOnRequestAtMostTwiceWithoutResettingFailures() {
    // given a verifier with one failure
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String first = latestCode(zhang.phone());
    verificationService.check(zhang.phone(), wrong(first), last6(zhang));

    // then a wrong ID suffix and an unknown phone are told apart
    assertThat(verificationService.requestResend(zhang.phone(), "000000").message())
        .isEqualTo("尊敬的ICP用户:该条验证库里找不到记录。");
    assertThat(verificationService.requestResend(TestData.phone(), "000000").message())
        .isEqualTo("尊敬的ICP用户:您暂无待短信核验的备案申请,无需重发短信。");

    // when two resends are asked for
    for (int i = 0; i < 2; i++) {
      var outcome = verificationService.requestResend(zhang.phone(), last6(zhang));
      assertThat(outcome.result()).isEqualTo(ResendResult.RESENT);
      assertThat(outcome.message()).isEqualTo("尊敬的ICP用户:您的短信验证码已重发成功,请查看手机并尽快完成短信核验。");
      runJobs(filingId);
    }
    // then a third is refused
    var third = verificationService.requestResend(zhang.phone(), last6(zhang));
    assertThat(third.result()).isEqualTo(ResendResult.RESEND_LIMIT);
    assertThat(third.message()).isEqualTo("短信重发次数已达上限。");

    // and three distinct codes went out, only the last one live, failures kept
    List<String> texts = smsTo(zhang.phone());
    assertThat(texts).hasSize(3);
    String last = latestCode(zhang.phone());
    assertThat(verificationService.check(zhang.phone(), first, last6(zhang)).result()).isEqualTo(CheckResult.NOT_FOUND);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(2);
    assertThat(verifierOf(filingId, zhang.phone()).manualResends()).isEqualTo(2);
    assertThat(verificationService.check(zhang.phone(), last, last6(zhang)).result()).isEqualTo(CheckResult.VERIFIED_PARTIAL);
    assertThat(filing(filingId).verificationDeadline()).isEqualTo(filing(filingId).verificationStartedAt().plus(Duration.ofHours(24)));
  }

  @Test
  void shouldCountAWrongCodeInEveryPendingRequestOfThePhone() {
    // given one phone pending in two requests
    Person zhang = person("张三");
    String a = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    String b = submitAndSend(TestData.newFiling("CN-ZJ", zhang, person("王五")));
    String codeB = latestCode(zhang.phone());

    // when a code matching neither is entered
    verificationService.check(zhang.phone(), wrong(wrong(codeB)), last6(zhang));

    // then both count it; each request verifies separately
    assertThat(verifierOf(a, zhang.phone()).failedAttempts()).isEqualTo(1);
    assertThat(verifierOf(b, zhang.phone()).failedAttempts()).isEqualTo(1);
    assertThat(verificationService.check(zhang.phone(), codeB, last6(zhang)).result()).isEqualTo(CheckResult.VERIFIED_PARTIAL);
    assertThat(verifierOf(a, zhang.phone()).status()).isEqualTo(VerifierStatus.PENDING);
    assertThat(verifierOf(b, zhang.phone()).status()).isEqualTo(VerifierStatus.VERIFIED);
  }
}
