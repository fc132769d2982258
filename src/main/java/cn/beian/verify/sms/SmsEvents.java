package cn.beian.verify.sms;

/** The delivery events the outbox writes into a request's trail ({@code filing_event}). */
public final class SmsEvents {
  /** the message could not be handed to the carrier within its retry budget; an incident is raised */
  public static final String SMS_FAILED = "SMS_FAILED";
  /** the carrier's delivery receipt says the phone received the message */
  public static final String SMS_DELIVERED = "SMS_DELIVERED";
  /**
   * the carrier's delivery receipt says the message did not reach the phone (undeliverable, expired, rejected ...);
   * the detail is the carrier's state and error code ({@code UNDELIV/001}), never personal data
   */
  public static final String SMS_UNDELIVERABLE = "SMS_UNDELIVERABLE";
  /** no final receipt came within {@code beian.sms.receipts.timeout} of the carrier accepting the message */
  public static final String SMS_NO_RECEIPT = "SMS_NO_RECEIPT";
  /**
   * the undeliverable message was handed over once more, unchanged (the same code), through the unified sender 12381;
   * the detail is that sender
   */
  public static final String SMS_REROUTED = "SMS_REROUTED";
  /**
   * what {@link #SMS_UNDELIVERABLE} was called before issue 15: written by older versions, kept in their trails and
   * read with the same meaning; no longer written
   */
  public static final String SMS_UNDELIVERED = "SMS_UNDELIVERED";

  private SmsEvents() {}
}
