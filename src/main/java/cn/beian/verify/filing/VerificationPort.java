package cn.beian.verify.filing;

import java.time.Instant;
import java.util.List;

/**
 * What filing asks of the verification step; implemented in the verification package, which builds on filing
 * (a request's verifications belong to it), so that filing itself never depends on verification.
 */
public interface VerificationPort {
  /** the request's pending verifications end with it: their codes die and they count as cancelled */
  void cancelPending(String filingId);

  /** the request's verifiers as its provider sees them (masked), in the order they were resolved */
  List<VerifierSummary> verifiersOf(String filingId);

  /** one verifier of a request: one phone, covering every role that phone holds */
  record VerifierSummary(String id, List<String> roles, String nameMasked, String phoneMasked, String status,
      int failedAttempts, int manualResends, Instant verifiedAt) {}
}
