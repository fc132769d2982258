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
}
