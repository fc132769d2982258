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
   * Records a final delivery receipt of one part, matched through the database (any node may receive it).
   *
   * @return what became of it
   */
  ReceiptOutcome receiptReceived(CarrierReceipt receipt);

  /** what a receipt did */
  enum ReceiptOutcome {
    /** recorded against its part (and, once every part is known, its message) */
    RECORDED,
    /** its part already had a final receipt: a replay, without effect */
    DUPLICATE,
    /** no part of ours has this carrier id (yet: the carrier may deliver it again later) */
    UNKNOWN,
    /** the id is ours but the receipt names another recipient: dropped without effect */
    MISMATCH
  }
}
