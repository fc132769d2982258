package cn.beian.verify.verification;

import cn.beian.verify.kernel.Names;

/** The outcome of checking an SMS code (docs/rules.md §5), with the message shown to the person. */
public enum CheckResult {
  VERIFIED_PARTIAL,
  VERIFIED_COMPLETE,
  ALREADY_VERIFIED,
  WRONG_INFO,
  NOT_FOUND,
  FAILED,
  CAPTCHA_FAILED;

  /** The verbatim message; {@code maskedName} fills the name where the message has one (see {@link Names#mask}). */
  public String message(String maskedName) {
    return VerificationMessages.text("check." + name(), maskedName);
  }

  /** Whether this check verified the person. */
  public boolean verified() {
    return this == VERIFIED_PARTIAL || this == VERIFIED_COMPLETE;
  }
}
