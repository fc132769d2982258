package cn.beian.verify.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One kind of outgoing message: its table, its rows read as messages, and its sender. Everything else, claiming
 * under a lease, delivering after the commit, backing off and giving up, is the outbox's ({@link OutboxDispatcher}).
 *
 * @param <M> a message as read from its row
 * @param <R> what the receiver answered to an accepted hand-over
 */
public interface OutboxKind<M, R> {

  OutboxTable table();

  /** the message of a claimed row, from the kind's own columns */
  M message(ResultSet row) throws SQLException;

  /**
   * Hands one message over, on one of the outbox's own sender threads (a transport that blocks may block), after the
   * commit that wrote it and never inside a transaction.
   *
   * @return completes with the receiver's answer once it accepted the message, exceptionally when it did not
   */
  CompletionStage<R> send(Claimed<M> message);

  /** why a hand-over failed, and whether the failure counts against the row's attempts */
  Failure failure(Claimed<M> message, Throwable error);

  /** whether this kind has anything to deliver at all (e.g. callbacks: some provider registered one) */
  default boolean active() {
    return true;
  }

  /** a further condition on the rows this node delivers, on the table's columns, with its parameters */
  default Condition due() {
    return Condition.NONE;
  }

  /** in the transaction that records the hand-over, for the kind's own columns */
  default void recordSent(Claimed<M> message, R answer, Instant at) {}

  /** after that transaction committed */
  default void sent(Claimed<M> message, R answer, Instant at) {}

  /** after a failed attempt was recorded, with the time of the next one */
  default void retrying(Claimed<M> message, Failure failure, int attempts, Instant next) {}

  /** in the transaction that gives the row up for good: what the kind does then (a trail entry, an incident) */
  default void gaveUp(Claimed<M> message, Failure failure, int attempts, Instant at) {}

  /** a claimed row: its id (as the database has it), the claim's owner, its failed attempts so far */
  record Claimed<M>(Object id, String leaseOwner, int attempts, Instant createdAt, M message) {}

  /**
   * @param reason a technical reason, stored and shown to operators: never personal data or a message's text
   * @param counts false when the receiver only asked to slow down (it is retried without counting)
   */
  record Failure(String reason, boolean counts) {}

  /** an SQL condition and its parameters */
  record Condition(String sql, List<Object> parameters) {
    public static final Condition NONE = new Condition(null, List.of());
  }
}
