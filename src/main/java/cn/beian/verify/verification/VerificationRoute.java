package cn.beian.verify.verification;

import cn.beian.verify.filing.FilingType;

/**
 * The way a request takes through SMS verification and the bureau's review (docs/rules.md §2, §3, §8), decided once
 * when its verifiers are known.
 */
public enum VerificationRoute {
  /** the persons verify first; only a fully verified request reaches the bureau */
  VERIFY_THEN_REVIEW,
  /** a phone number change: the bureau reviews first, the new number is verified after the approval */
  REVIEW_THEN_VERIFY,
  /** nobody must verify (cancelled access, remarks only, no rule matched) or the rollout does not cover the request */
  REVIEW_ONLY;

  /**
   * @param rolloutApplies SMS verification applies to the request's province and date (docs/rules.md §3)
   * @param verifiers the verifications the request needs (docs/rules.md §2)
   */
  public static VerificationRoute of(FilingType type, boolean rolloutApplies, int verifiers) {
    if (!rolloutApplies || verifiers == 0) {
      return REVIEW_ONLY;
    }
    return type == FilingType.PHONE_CHANGE ? REVIEW_THEN_VERIFY : VERIFY_THEN_REVIEW;
  }
}
