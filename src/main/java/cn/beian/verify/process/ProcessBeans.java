package cn.beian.verify.process;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.verification.VerificationLifecycle;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/** Beans the models call in expressions: the verification's timer dates and its verifiers. */
public final class ProcessBeans {
  private ProcessBeans() {}

  /** {@code ${verificationClock.deadline(filingId)}}: the timers read their dates from the request */
  @Component("verificationClock")
  public static class VerificationClock {
    private final FilingRepository filings;

    VerificationClock(FilingRepository filings) {
      this.filings = filings;
    }

    public Date deadline(String filingId) {
      return Date.from(window(filingId).verificationDeadline());
    }

    public Date autoResendAt(String filingId) {
      return Date.from(window(filingId).autoResendAt());
    }

    private Filing window(String filingId) {
      Filing filing = filings.get(filingId);
      if (filing.verificationDeadline() == null) {
        throw new IllegalStateException("the verification window of " + filingId + " is not open");
      }
      return filing;
    }
  }

  /** {@code ${verifierDirectory.pendingVerifierIds(filingId)}}: one multi-instance per pending verifier */
  @Component("verifierDirectory")
  public static class VerifierDirectory {
    private final VerificationLifecycle verifications;

    VerifierDirectory(VerificationLifecycle verifications) {
      this.verifications = verifications;
    }

    public List<String> pendingVerifierIds(String filingId) {
      return verifications.pendingVerifierIds(filingId);
    }
  }
}
