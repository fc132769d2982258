package cn.beian.verify.verification;

/** The outcome of a manual resend request (docs/rules.md §6), with the message shown to the person. */
public enum ResendResult {
  RESENT,
  NOTHING_PENDING,
  NOT_FOUND,
  RESEND_LIMIT;

  /** The verbatim message; note {@link #NOT_FOUND} differs from {@link CheckResult#NOT_FOUND}. */
  public String message() {
    return VerificationMessages.text("resend." + name());
  }
}
