package cn.beian.verify.verification;

/** The answer to one resend request (docs/rules.md §6). */
public record ResendOutcome(ResendResult result, String message) {
  static ResendOutcome of(ResendResult result) {
    return new ResendOutcome(result, result.message());
  }
}
