package cn.beian.verify.filing;

import java.time.Instant;

/** One entry of a request's trail; {@code verifierId} is set for per-person events. */
public record FilingEvent(long id, String filingId, String verifierId, String event, Instant at, String detail) {

  /** the events of docs/http-contract.md §1 */
  public static final String SUBMITTED = "SUBMITTED", SMS_SENT = "SMS_SENT", SMS_RESENT = "SMS_RESENT",
      RESEND_REQUESTED = "RESEND_REQUESTED", VERIFIED = "VERIFIED", ATTEMPT_FAILED = "ATTEMPT_FAILED",
      FAILED = "FAILED", EXPIRED = "EXPIRED", RETURNED = "RETURNED", UNDER_REVIEW = "UNDER_REVIEW",
      REVIEWED = "REVIEWED", APPROVED = "APPROVED", WITHDRAWN = "WITHDRAWN";
}
