package cn.beian.verify.sms;

/** The delivery events the outbox writes into a request's trail ({@code filing_event}). */
public final class SmsEvents {
  /** the message could not be handed to the carrier within its retry budget; an incident is raised */
  public static final String SMS_FAILED = "SMS_FAILED";
  /** the carrier's delivery receipt says the phone received the message */
  public static final String SMS_DELIVERED = "SMS_DELIVERED";
  /** the carrier's delivery receipt says the message did not reach the phone (expired, rejected, ...) */
  public static final String SMS_UNDELIVERED = "SMS_UNDELIVERED";

  private SmsEvents() {}
}
