package cn.beian.verify.verification;

/** What the verification service asks of the process; implemented over the engine in the process package. */
public interface VerificationProcessPort {
  /** the verifier's task completes: the person has verified */
  void completeVerification(Verifier verifier);

  /** the verifier's 5th failure fails the request (BPMN error on the verifier's task) */
  void failVerification(Verifier verifier, String message);

  /** a new code is to be sent to the verifier (message to the verifier's task) */
  void requestResend(Verifier verifier);
}
