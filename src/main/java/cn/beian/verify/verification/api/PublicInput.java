package cn.beian.verify.verification.api;

import cn.beian.verify.verification.VerificationInput;

/**
 * The public endpoints' bodies through the one input parser ({@link VerificationInput}, which the desk's Tasklist form
 * shares): malformed input is a 400 naming its fields, before anything is checked or counted.
 */
final class PublicInput {
  private PublicInput() {}

  static VerificationInput.Check check(SmsVerificationRequest request) {
    try {
      return VerificationInput.check(request.phone(), request.code(), request.idLast6());
    } catch (VerificationInput.InvalidInputException e) {
      throw new InvalidPublicRequestException(e.errors());
    }
  }

  static VerificationInput.Resend resend(SmsResendRequest request) {
    try {
      return VerificationInput.resend(request.phone(), request.idLast6());
    } catch (VerificationInput.InvalidInputException e) {
      throw new InvalidPublicRequestException(e.errors());
    }
  }
}
