package cn.beian.verify.verification;

import cn.beian.verify.filing.VerificationPort;
import java.util.List;
import org.springframework.stereotype.Component;

/** The verification step as filing sees it (its port): closing a request's verifications, listing its verifiers. */
@Component
class FilingVerifications implements VerificationPort {
  private final VerificationLifecycle lifecycle;
  private final VerifierRepository verifiers;

  FilingVerifications(VerificationLifecycle lifecycle, VerifierRepository verifiers) {
    this.lifecycle = lifecycle;
    this.verifiers = verifiers;
  }

  @Override
  public void cancelPending(String filingId) {
    lifecycle.cancelPending(filingId);
  }

  @Override
  public List<VerifierSummary> verifiersOf(String filingId) {
    return verifiers.ofFiling(filingId).stream()
        .map(v -> new VerifierSummary(v.id(), List.copyOf(v.roles()), v.nameMasked(), v.phoneMasked(),
            v.status().name(), v.failedAttempts(), v.manualResends(), v.verifiedAt()))
        .toList();
  }
}
