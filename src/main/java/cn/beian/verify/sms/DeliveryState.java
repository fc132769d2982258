package cn.beian.verify.sms;

/** The delivery state of one SMS (docs/http-contract.md §1, the request view's {@code sms} per verifier). */
public enum DeliveryState {
  /** the carrier accepted every part; no final receipt yet */
  SUBMITTED,
  /** every part's receipt says delivered */
  DELIVERED,
  /** a part's receipt says it did not reach the phone (the carrier's state and error are kept) */
  UNDELIVERABLE,
  /** no final receipt within beian.sms.receipts.timeout; a receipt that comes later still settles it */
  NO_RECEIPT
}
