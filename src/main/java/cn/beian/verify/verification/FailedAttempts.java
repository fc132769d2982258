package cn.beian.verify.verification;

import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records failed attempts in a transaction of their own: the check that failed is rolled back
 * (a Tasklist form submission that does not complete its task), its failures are not (docs/rules.md §5).
 */
@Component
public class FailedAttempts {
  private final VerifierRepository verifiers;
  private final SmsCodeRepository codes;
  private final FilingRepository filings;
  private final AttemptRules rules;
  private final Clock clock;

  public FailedAttempts(VerifierRepository verifiers, SmsCodeRepository codes, FilingRepository filings,
      VerificationProperties properties, Clock clock) {
    this.verifiers = verifiers;
    this.codes = codes;
    this.filings = filings;
    this.rules = AttemptRules.of(properties);
    this.clock = clock;
  }

  /** the code matched but the ID suffix did not: counts against that verifier, does not wear out the code */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public CheckOutcome wrongInfo(Verifier verifier) {
    Instant now = clock.instant();
    int failures = verifiers.addFailedAttempt(verifier.id());
    if (failures < 0) {
      return CheckOutcome.of(CheckResult.NOT_FOUND, null);
    }
    filings.addEvent(verifier.filingId(), verifier.id(), FilingEvent.ATTEMPT_FAILED, now, CheckResult.WRONG_INFO.name());
    if (rules.failsVerifier(failures) && fail(verifier, now)) {
      return CheckOutcome.failed(List.of(verifier));
    }
    return CheckOutcome.of(CheckResult.WRONG_INFO, verifier);
  }

  /**
   * no live code matched, but the phone and the ID suffix identify these pending verifications: counts against each
   * of them and wears out their codes
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public CheckOutcome wrongCode(List<Verifier> identified) {
    Instant now = clock.instant();
    List<Verifier> failed = new ArrayList<>();
    for (Verifier verifier : identified) {
      int failures = verifiers.addFailedAttempt(verifier.id());
      if (failures < 0) {
        continue;
      }
      if (rules.killsCode(codes.addWrongCheck(verifier.id()))) {
        codes.killLive(verifier.id(), now);
      }
      filings.addEvent(verifier.filingId(), verifier.id(), FilingEvent.ATTEMPT_FAILED, now, CheckResult.NOT_FOUND.name());
      if (rules.failsVerifier(failures) && fail(verifier, now)) {
        failed.add(verifier);
      }
    }
    return failed.isEmpty() ? CheckOutcome.of(CheckResult.NOT_FOUND, null) : CheckOutcome.failed(failed);
  }

  private boolean fail(Verifier verifier, Instant now) {
    if (!verifiers.transition(verifier.id(), VerifierStatus.PENDING, VerifierStatus.FAILED, now)) {
      return false;
    }
    codes.killLive(verifier.id(), now);
    filings.addEvent(verifier.filingId(), verifier.id(), FilingEvent.FAILED, now, null);
    return true;
  }
}
