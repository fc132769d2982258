package cn.beian.verify.sms;

import java.time.Instant;

/**
 * What happens to an outbox message after its code's transaction committed, published as Spring application events
 * for whoever counts and times it; none carries a phone or a text. {@code enqueuedAt} is when the code's transaction
 * wrote the message (it commits right after).
 */
public final class SmsDeliveryEvents {
  /** the transport accepted every part (the SMSC answered submit_sm_resp OK, or the built-in inbox kept it) */
  public record HandedOver(String messageId, String filingId, Instant enqueuedAt, Instant acceptedAt) {}

  /** a hand-over failed: retried later, or ({@code givenUp}) the message is FAILED for good */
  public record HandOverFailed(String messageId, String filingId, boolean throttled, boolean givenUp) {}

  /**
   * A whole message's delivery settled: by the carrier's final receipt ({@code state} is the carrier's: DELIVRD,
   * UNDELIV, ...) or, {@code outcome} NO_RECEIPT and {@code state} null, by the lack of one in time.
   */
  public record ReceiptRecorded(String messageId, String filingId, String state, boolean delivered,
      Instant enqueuedAt, Instant receivedAt, DeliveryState outcome) {}

  private SmsDeliveryEvents() {}
}
