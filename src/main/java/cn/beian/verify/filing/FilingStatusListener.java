package cn.beian.verify.filing;

import java.time.Instant;

/**
 * Told of every status change of a request, including its first status (VERIFYING at submission), inside the
 * transaction that makes the change: whatever it writes commits or rolls back with the change. Implemented by
 * {@code notify} (the callback outbox); the filing package does not know who listens.
 */
public interface FilingStatusListener {

  void statusChanged(StatusChange change);

  /** a request's new status as the access provider learns it */
  record StatusChange(String filingId, String providerId, String requestNo, FilingStatus status,
      ReturnReason returnReason, Instant at) {}
}
