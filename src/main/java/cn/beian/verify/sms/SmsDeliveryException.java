package cn.beian.verify.sms;

/**
 * A message the transport could not hand over (yet). The message text is a technical reason only: it is stored
 * and shown in Cockpit, so it never carries a phone number or the text of the SMS.
 */
public class SmsDeliveryException extends RuntimeException {
  private final boolean throttled;

  public SmsDeliveryException(String reason, boolean throttled) {
    super(reason);
    this.throttled = throttled;
  }

  public SmsDeliveryException(String reason, Throwable cause) {
    super(reason, cause);
    this.throttled = false;
  }

  /** the carrier asked us to slow down: retried without counting against the attempts */
  public boolean throttled() {
    return throttled;
  }
}
