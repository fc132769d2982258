package cn.beian.verify.outbox;

import static cn.beian.verify.kernel.Timestamps.instant;
import static cn.beian.verify.kernel.Timestamps.ts;

import cn.beian.verify.outbox.OutboxKind.Claimed;
import cn.beian.verify.outbox.OutboxKind.Failure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one outbox mechanism: delivers the rows of one {@link OutboxKind}'s table after the commits that wrote them.
 *
 * <p>A node claims due rows in batches by writing a lease (a fresh owner token per batch, and its end) with a
 * conditional UPDATE, portable between H2 and PostgreSQL (no row locks held, no SKIP LOCKED): whoever changes the lease
 * first owns the row. While it works on them the node renews its leases ({@link #renewLeases}, every third of the
 * lease), so a slow but alive sender is never overtaken; a node that dies stops renewing and its rows are taken over
 * once the lease ran out. A claim whose lease could not be renewed in time is not handed over any more, and given
 * back. A delivered row is recorded delivered; a failed one is retried after a jittered exponential backoff, and
 * given up (the kind decides what that means, e.g. an incident) when its attempts or its age are spent.
 *
 * <p>Every database step runs in a transaction of its own: after a commit the committing thread's transaction is over,
 * and nothing here may join it.
 */
public final class OutboxDispatcher<M, R> {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final int MAX_ERROR = 255;

  private final OutboxKind<M, R> kind;
  private final OutboxTable table;
  private final OutboxPolicy policy;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  /** the claims this node works on, by owner token: what {@link #renewLeases} keeps */
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();

  /** what one round did: rows claimed (and then delivered, retried or given up), and of those delivered */
  public record Round(int claimed, int delivered) {}

  public OutboxDispatcher(OutboxKind<M, R> kind, OutboxPolicy policy, JdbcTemplate jdbc,
      PlatformTransactionManager transactions, Clock clock) {
    this.kind = kind;
    this.table = kind.table();
    this.policy = policy;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  public OutboxPolicy policy() {
    return policy;
  }

  /**
   * Claims the due rows batch by batch and hands each over on {@code senders}, until fewer than a batch are due (or
   * a whole batch failed: what failed waits for its backoff).
   */
  public Round dispatchDue(Executor senders) {
    int claimed = 0;
    int delivered = 0;
    while (kind.active()) {
      List<Claimed<M>> batch = claimDue();
      int deliveredNow = deliverAll(batch, senders);
      claimed += batch.size();
      delivered += deliveredNow;
      if (batch.size() < policy.batchSize() || deliveredNow == 0) {
        break;
      }
    }
    return new Round(claimed, delivered);
  }

  /** hands over one given row, if it is due and nobody holds it; @return false when it was not this node's to send */
  public boolean dispatch(Object id, Executor senders) {
    List<Claimed<M>> claimed = claim(List.of(id));
    deliverAll(claimed, senders);
    return !claimed.isEmpty();
  }

  /** the due rows nobody holds, oldest due first, claimed by this node under a fresh lease */
  public List<Claimed<M>> claimDue() {
    if (!kind.active()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Object> parameters = new ArrayList<>(List.of(ts(now), ts(now)));
    parameters.addAll(kind.due().parameters());
    parameters.add(policy.batchSize());
    List<Object> due = ownTransaction.execute(tx -> jdbc.queryForList("SELECT id FROM " + table.name() + " WHERE "
        + claimable() + " ORDER BY next_attempt_at, id LIMIT ?", Object.class, parameters.toArray()));
    return due.isEmpty() ? List.of() : claim(due);
  }

  /** the rows of {@code ids} that are due and unleased, claimed in one statement under one owner token */
  private List<Claimed<M>> claim(Collection<Object> ids) {
    String owner = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Instant until = now.plus(policy.lease());
    List<Object> parameters = new ArrayList<>(List.of(owner, ts(until)));
    parameters.addAll(ids);
    parameters.addAll(List.of(ts(now), ts(now)));
    parameters.addAll(kind.due().parameters());
    List<Claimed<M>> claimed = ownTransaction.execute(tx -> {
      // whoever changes the lease first owns the row; the others update nothing and leave it
      int won = jdbc.update("UPDATE " + table.name() + " SET lease_owner = ?, lease_until = ? WHERE id IN ("
          + String.join(",", Collections.nCopies(ids.size(), "?")) + ") AND " + claimable(), parameters.toArray());
      return won == 0 ? List.<Claimed<M>>of() : jdbc.query("SELECT * FROM " + table.name()
              + " WHERE lease_owner = ? ORDER BY next_attempt_at, id",
          (rs, n) -> new Claimed<>(rs.getObject("id"), owner, rs.getInt("attempts"), instant(rs, "created_at"),
              kind.message(rs)), owner);
    });
    if (!claimed.isEmpty()) {
      leases.put(owner, new Lease(claimed.stream().map(Claimed::id).toList(), until));
    }
    return claimed;
  }

  /** due, pending, unleased (or its lease ran out), the first of its kind's order, and within the kind's condition */
  private String claimable() {
    String sql = table.pending() + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)";
    if (table.inOrderOf() != null) {
      // unqualified columns in the subquery are the earlier row's
      sql += " AND NOT EXISTS (SELECT 1 FROM " + table.name() + " earlier WHERE earlier." + table.inOrderOf() + " = "
          + table.name() + "." + table.inOrderOf() + " AND " + table.pending() + " AND earlier.id < " + table.name()
          + ".id)";
    }
    return kind.due().sql() == null ? sql : sql + " AND " + kind.due().sql();
  }

  /**
   * Extends the leases of every claim this node still works on, so a slow hand-over is never taken over by another
   * node. A row that is no longer this node's (it was stopped longer than the lease, and another node took the row
   * over) is not handed over any more if it has not been yet.
   */
  public void renewLeases() {
    Instant until = clock.instant().plus(policy.lease());
    leases.forEach((owner, lease) -> {
      int unfinished = lease.unfinished.size();
      if (unfinished == 0) {
        leases.remove(owner, lease);
        return;
      }
      int renewed = ownTransaction.execute(tx -> jdbc.update("UPDATE " + table.name() + " SET lease_until = ? "
          + "WHERE lease_owner = ? AND " + table.pending(), ts(until), owner));
      lease.validUntil = until;
      if (renewed < unfinished) {
        Set<Object> held = Set.copyOf(ownTransaction.execute(tx -> jdbc.queryForList("SELECT id FROM " + table.name()
            + " WHERE lease_owner = ?", Object.class, owner)));
        for (Object id : lease.queued) {
          if (!held.contains(id) && lease.lost.add(id)) {
            LOG.warn("Outbox {}: row {} was taken over by another node before this one handed it over; it is left to "
                + "that node", table.name(), id);
          }
        }
      }
    });
  }

  /** hands every row of the batch over on {@code senders}; @return how many were delivered */
  private int deliverAll(List<Claimed<M>> batch, Executor senders) {
    List<CompletableFuture<Boolean>> deliveries = batch.stream().map(row -> deliver(row, senders)
        .exceptionally(error -> {
          // the row keeps its lease until it runs out, then it is claimed again
          LOG.error("Outbox {}: recording the hand-over of row {} failed", table.name(), row.id(), error);
          return false;
        })).toList();
    return (int) deliveries.stream().filter(CompletableFuture::join).count();
  }

  private CompletableFuture<Boolean> deliver(Claimed<M> row, Executor senders) {
    CompletableFuture<Boolean> delivery;
    try {
      // the lease is checked when the row's turn comes on a sender thread, not when it was claimed; the hand-over
      // starts in that same task (a stage composed afterwards could run on the round's thread)
      delivery = CompletableFuture.supplyAsync(
              () -> startHandOver(row) ? handOver(row) : CompletableFuture.completedFuture(false), senders)
          .thenCompose(handedOver -> handedOver);
    } catch (RejectedExecutionException stopping) {
      giveBack(row);
      delivery = CompletableFuture.completedFuture(false);
    }
    return delivery.whenComplete((delivered, error) -> finished(row));
  }

  /** @return whether the row is still this node's to hand over: its lease held and no other node took it over */
  private boolean startHandOver(Claimed<M> row) {
    Lease lease = leases.get(row.leaseOwner());
    if (lease != null && lease.queued.remove(row.id()) && !lease.lost.contains(row.id())
        && clock.instant().isBefore(lease.validUntil)) {
      return true;
    }
    giveBack(row);
    return false;
  }

  private CompletableFuture<Boolean> handOver(Claimed<M> row) {
    CompletableFuture<R> answer;
    try {
      answer = kind.send(row).toCompletableFuture();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.handle((result, error) -> error == null ? delivered(row, result) : failed(row, unwrap(error)));
  }

  /** a row this node will not hand over: free at once for whichever node claims it next */
  private void giveBack(Claimed<M> row) {
    ownTransaction.executeWithoutResult(tx -> jdbc.update("UPDATE " + table.name() + " SET lease_owner = NULL, "
        + "lease_until = NULL WHERE id = ? AND lease_owner = ?", row.id(), row.leaseOwner()));
    LOG.warn("Outbox {}: row {} given back unsent, its lease no longer held", table.name(), row.id());
  }

  private boolean delivered(Claimed<M> row, R answer) {
    Instant at = clock.instant();
    ownTransaction.executeWithoutResult(tx -> {
      // delivered is delivered, even if the lease ran out meanwhile
      jdbc.update("UPDATE " + table.name() + " SET " + table.sent() + ", lease_owner = NULL, lease_until = NULL "
          + "WHERE id = ? AND " + table.pending(), ts(at), row.id());
      kind.recordSent(row, answer, at);
    });
    kind.sent(row, answer, at);
    return true;
  }

  private boolean failed(Claimed<M> row, Throwable error) {
    Failure failure = kind.failure(row, error);
    Instant now = clock.instant();
    int attempts = failure.counts() ? row.attempts() + 1 : row.attempts();
    String reason = truncate(failure.reason());
    boolean budgetLeft = policy.maxAttempts() == 0 || attempts < policy.maxAttempts();
    boolean tooOld = policy.maxAge() != null && !now.isBefore(row.createdAt().plus(policy.maxAge()));
    if (table.givenUp() == null || (budgetLeft && !tooOld)) {
      Instant next = now.plus(policy.backoff(failure.counts() ? attempts : 1));
      // only while this node still owns the row: another node may have taken it over after its lease
      ownTransaction.executeWithoutResult(tx -> jdbc.update("UPDATE " + table.name() + " SET attempts = ?, "
              + "next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL "
              + "WHERE id = ? AND lease_owner = ? AND " + table.pending(),
          attempts, ts(next), reason, row.id(), row.leaseOwner()));
      kind.retrying(row, failure, attempts, next);
      return false;
    }
    ownTransaction.executeWithoutResult(tx -> {
      int gaveUp = jdbc.update("UPDATE " + table.name() + " SET " + table.givenUp() + ", attempts = ?, last_error = ?, "
          + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND " + table.pending(),
          attempts, reason, row.id(), row.leaseOwner());
      if (gaveUp == 1) {
        kind.gaveUp(row, failure, attempts, now);
      }
    });
    return false;
  }

  private void finished(Claimed<M> row) {
    Lease lease = leases.get(row.leaseOwner());
    if (lease != null) {
      lease.unfinished.remove(row.id());
      if (lease.unfinished.isEmpty()) {
        leases.remove(row.leaseOwner(), lease);
      }
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }

  /** the rows of one claim: not finished, not yet started, lost to another node; until when its lease holds */
  private static final class Lease {
    final Set<Object> unfinished = ConcurrentHashMap.newKeySet();
    final Set<Object> queued = ConcurrentHashMap.newKeySet();
    final Set<Object> lost = ConcurrentHashMap.newKeySet();
    volatile Instant validUntil;

    Lease(List<Object> ids, Instant validUntil) {
      this.unfinished.addAll(ids);
      this.queued.addAll(ids);
      this.validUntil = validUntil;
    }
  }
}
