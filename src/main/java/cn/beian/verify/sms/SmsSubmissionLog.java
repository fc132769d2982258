package cn.beian.verify.sms;

import java.util.Map;

/**
 * What a carrier transport remembers of its submissions, so that a message handed over again after a crash or a
 * dropped connection sends only what the carrier has not acknowledged, and receipts find their message.
 */
public interface SmsSubmissionLog {
  /** the parts of a message the carrier already acknowledged: part number (from 1) → carrier message id */
  Map<Integer, String> acknowledgedParts(String messageId);

  /** records, at once and for good, that the carrier acknowledged one part */
  void partAcknowledged(String messageId, int partNo, int partCount, String carrierMessageId);

  /**
   * Records a delivery receipt of one part.
   *
   * @param finalState the receipt's state as the carrier names it (DELIVRD, UNDELIV, EXPIRED, ...)
   * @return false when no message has this carrier id
   */
  boolean receiptReceived(String carrierMessageId, String finalState, boolean delivered);
}
