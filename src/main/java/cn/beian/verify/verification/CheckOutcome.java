package cn.beian.verify.verification;

import java.util.List;

/**
 * The answer to one check (docs/rules.md §5).
 *
 * @param verifier the verification the code matched (verified, already verified, wrong info), else null
 * @param failedVerifiers verifications this check failed for good (their 5th failure)
 */
public record CheckOutcome(CheckResult result, String message, Verifier verifier, List<Verifier> failedVerifiers) {

  static CheckOutcome of(CheckResult result, Verifier verifier) {
    return new CheckOutcome(result, result.message(verifier == null ? "" : verifier.nameMasked()), verifier, List.of());
  }

  static CheckOutcome failed(List<Verifier> failed) {
    return new CheckOutcome(CheckResult.FAILED, CheckResult.FAILED.message(""), failed.isEmpty() ? null : failed.get(0),
        List.copyOf(failed));
  }

  public boolean verified() {
    return result.verified();
  }
}
