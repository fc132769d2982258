package cn.beian.verify.notify;

import static cn.beian.verify.kernel.Timestamps.instant;

import cn.beian.verify.kernel.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access providers' change feed (docs/http-contract.md §1 "Changes"): every event of a provider's requests, in
 * commit order, each exactly once across pages, also while events commit concurrently on several nodes.
 *
 * <p>Why positions and a sequencer. An event is written (table {@code filing_change}) in the transaction of the change
 * it reports. Ordering the feed by the row's identity id would be wrong: ids are taken at insert, transactions commit
 * in another order, and a reader that already passed id 10 would never see id 9 when its transaction commits later
 * (a long transaction, a job that ran a little slower, another node). So a row is written without a position, and
 * positions are handed out only to rows that have committed, by a sequencer step that the whole cluster runs one at
 * a time: it takes the write lock on the single row of {@code filing_change_sequencer} (on PostgreSQL and H2 alike),
 * reads the committed rows that have no position yet, numbers them after the last position handed out, and commits.
 * Since one step starts only after the previous one committed, a reader that sees position p also sees every
 * position below p (they were committed before p was even handed out), and a row that commits later — however long
 * its transaction was open, on whichever node — gets a position above everything handed out before it: nothing is
 * skipped and nothing comes twice, and the order is the order in which the rows were seen committed. The alternative,
 * serving only rows below the oldest open writer ({@code pg_snapshot_xmin}), needs PostgreSQL's transaction ids, which
 * H2 has no equivalent of; the sequencer is plain SQL on both.
 *
 * <p>When. After a commit that wrote an event, this node's sequencer thread runs a step {@link #GATHER} later (a step
 * covers every event waiting, from any node, so the commits of that moment share one step and its lock instead of
 * one each: a lifecycle's events come from several commits close together), and a reader runs a step itself before it reads when events are waiting: a provider that
 * reads after an answer sees the change that answer made, even if the node that made it died right after the commit.
 */
public class FilingChangeFeed implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(FilingChangeFeed.class);
  /** rows numbered per statement batch; a step goes on until none are waiting */
  private static final int STEP_BATCH = 500;
  /** how long after the first commit of a burst a step starts; readers never wait for it (they run a step) */
  static final Duration GATHER = Duration.ofMillis(500);
  private static final String COLUMNS = "position, provider_id, filing_id, request_no, event, status, return_reason, "
      + "verifier_id, verifier_roles, verifier_name_masked, verifier_phone_masked, verifier_status, at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate step;
  private final ScheduledThreadPoolExecutor sequencer = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread thread = new Thread(runnable, "filing-change-sequencer");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean woken = new AtomicBoolean();

  /** one entry of the feed, at its position */
  public record Change(long position, ProviderEvent event) {}

  public FilingChangeFeed(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.step = new TransactionTemplate(transactions);
    // a step of its own, never part of the caller's transaction (it runs after that one committed)
    this.step.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    // a step still waiting its GATHER when the node stops is dropped, not run against a closing database: the next
    // step (any node's, or a reader's) numbers what it would have
    this.sequencer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** writes the event, without a position, in the caller's transaction; the sequencer numbers it after the commit */
  void append(ProviderEvent e) {
    var verifier = e.verifier();
    jdbc.update("INSERT INTO filing_change (provider_id, filing_id, request_no, event, status, return_reason, "
            + "verifier_id, verifier_roles, verifier_name_masked, verifier_phone_masked, verifier_status, at) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        e.providerId(), e.filingId(), e.requestNo(), e.event(), e.status(), e.returnReason(), e.verifierId(),
        verifier == null ? null : String.join(",", verifier.roles()), verifier == null ? null : verifier.name(),
        verifier == null ? null : verifier.phone(), verifier == null ? null : verifier.status(), Timestamps.ts(e.at()));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          wake();
        }
      });
    }
  }

  /**
   * The provider's events after {@code afterPosition}, in position order, at most {@code limit}; whatever committed
   * before this call is numbered first.
   */
  public List<Change> after(String providerId, long afterPosition, int limit) {
    if (waiting()) {
      sequence();
    }
    return jdbc.query("SELECT " + COLUMNS + " FROM filing_change WHERE provider_id = ? AND position > ? "
        + "ORDER BY position FETCH FIRST " + limit + " ROWS ONLY", (rs, n) -> {
          String roles = rs.getString("verifier_roles");
          ProviderEvent.Person person = roles == null ? null : new ProviderEvent.Person(Arrays.asList(roles.split(",")),
              rs.getString("verifier_name_masked"), rs.getString("verifier_phone_masked"),
              rs.getString("verifier_status"));
          return new Change(rs.getLong("position"), new ProviderEvent(rs.getString("provider_id"),
              rs.getString("filing_id"), rs.getString("request_no"), rs.getString("event"), rs.getString("status"),
              rs.getString("return_reason"), rs.getString("verifier_id"), person, instant(rs, "at")));
        }, providerId, afterPosition);
  }

  /** one sequencer step: numbers every committed event that has no position yet; returns how many */
  public int sequence() {
    Integer numbered = step.execute(tx -> {
      // the cluster-wide turn: the write lock on the one sequencer row, held until this step commits; the locking
      // read returns the row as the step before left it (one statement, not a no-op update and a read)
      long last = jdbc.queryForObject("SELECT last_position FROM filing_change_sequencer WHERE id = 1 FOR UPDATE",
          Long.class);
      int total = 0;
      List<Long> ids;
      do {
        ids = jdbc.queryForList("SELECT id FROM filing_change WHERE position IS NULL ORDER BY id FETCH FIRST "
            + STEP_BATCH + " ROWS ONLY", Long.class);
        List<Object[]> positions = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
          positions.add(new Object[] {last + 1 + i, ids.get(i)});
        }
        jdbc.batchUpdate("UPDATE filing_change SET position = ? WHERE id = ?", positions);
        last += ids.size();
        total += ids.size();
      } while (ids.size() == STEP_BATCH);
      if (total > 0) {
        jdbc.update("UPDATE filing_change_sequencer SET last_position = ? WHERE id = 1", last);
      }
      return total;
    });
    return numbered == null ? 0 : numbered;
  }

  private boolean waiting() {
    return !jdbc.queryForList("SELECT id FROM filing_change WHERE position IS NULL FETCH FIRST 1 ROWS ONLY", Long.class)
        .isEmpty();
  }

  /** runs a step on this node's sequencer thread soon; wakes during a step run one more step after it */
  private void wake() {
    if (woken.compareAndSet(false, true)) {
      try {
        sequencer.schedule(() -> {
          woken.set(false);
          try {
            sequence();
          } catch (RuntimeException e) {
            // the next commit or the next reader numbers what this step did not
            LOG.warn("Numbering the change feed failed; the next step retries: {}", e.toString());
          }
        }, GATHER.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException shuttingDown) {
        woken.set(false);
      }
    }
  }

  @Override
  public void destroy() {
    sequencer.shutdown();
  }
}
