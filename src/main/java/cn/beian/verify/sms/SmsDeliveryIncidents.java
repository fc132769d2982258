package cn.beian.verify.sms;

/** What the outbox asks of the process when a message is lost for good; implemented over the engine. */
public interface SmsDeliveryIncidents {
  /**
   * Raises an incident on the verifier's waiting activity, visible in Cockpit.
   *
   * @param executionId the verifier's task execution
   * @param messageId the outbox message (the incident's configuration)
   * @param attempts the hand-overs tried
   * @param reason the last one's technical reason; no personal data
   * @return false when the execution no longer exists (the verification is over)
   */
  boolean raise(String executionId, String messageId, int attempts, String reason);

  /**
   * Raises an incident on the verifier's waiting activity: the carrier said the code did not reach the phone. It
   * ends when a later SMS to the verifier is delivered ({@link #resolveUndeliverable}) or the verification ends.
   *
   * @param state the carrier's receipt state (UNDELIV, EXPIRED, ...)
   * @param error the carrier's error code, or null
   * @param rerouted whether the same code went out again through the unified sender
   * @return false when the execution no longer exists (the verification is over)
   */
  boolean raiseUndeliverable(String executionId, String messageId, String state, String error, boolean rerouted);

  /** resolves the verifier's open undeliverable incidents: an SMS to the verifier has since been delivered */
  void resolveUndeliverable(String executionId);
}
