package cn.beian.verify.ops;

import static cn.beian.verify.kernel.Timestamps.instant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster-wide figures health checks and gauges share, read from the one database: the SMS and callback outboxes'
 * backlogs, the engine's open incidents and its due jobs, the personal data overdue for erasure. Every node reads the same figures (dashboards take the max
 * over nodes). One read serves every caller for {@code maxAge}, so probes and scrapes from several places cost one
 * set of queries, each of them on an index.
 */
public class OperationalFigures {

  /**
   * @param smsPending outbox messages not yet handed to the carrier
   * @param smsOldestPendingAge how long the oldest of them has waited since its code's transaction (zero: none)
   * @param callbacksWaiting callbacks not yet acknowledged by their provider
   * @param callbackOldestWaitingAge how long the oldest of them has waited since its status change (zero: none)
   * @param incidentsByType the engine's open incidents by incident type (failedJob, smsDeliveryFailed, ...)
   * @param executableJobs jobs due now with retries left: what the job executors have yet to do
   * @param oldestDueJobAge how long past its due date the longest-waiting executable job is (zero: none)
   * @param retentionOverdue closed requests whose personal data should have been erased a day ago or more
   */
  public record Snapshot(long smsPending, Duration smsOldestPendingAge, long callbacksWaiting,
      Duration callbackOldestWaitingAge, Map<String, Long> incidentsByType, long executableJobs,
      Duration oldestDueJobAge, long retentionOverdue) {

    public long incidents() {
      return incidentsByType.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final JdbcTemplate jdbc;
  private final EngineBacklog engine;
  private final Clock clock;
  private final LongSupplier retentionOverdue;
  private final Duration maxAge;
  private volatile Snapshot cached;
  private volatile long readAtNanos;

  /**
   * @param clock the product's clock, the one the outboxes' rows were written with
   * @param retentionOverdue counts the closed requests the erasure should have reached a day ago or more
   * @param maxAge how long one read is served (zero: every call reads)
   */
  public OperationalFigures(JdbcTemplate jdbc, EngineBacklog engine, Clock clock, LongSupplier retentionOverdue,
      Duration maxAge) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.clock = clock;
    this.retentionOverdue = retentionOverdue;
    this.maxAge = maxAge;
  }

  public Snapshot current() {
    Snapshot snapshot = cached;
    // the cache expires in real time: tests move the product's clock, not the JVM's
    if (snapshot != null && System.nanoTime() - readAtNanos < maxAge.toNanos()) {
      return snapshot;
    }
    synchronized (this) {
      if (cached == null || System.nanoTime() - readAtNanos >= maxAge.toNanos()) {
        cached = read();
        readAtNanos = System.nanoTime();
      }
      return cached;
    }
  }

  private Snapshot read() {
    Instant now = clock.instant();
    long[] sms = new long[1];
    Instant[] smsOldest = new Instant[1];
    jdbc.query("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM sms_outbox WHERE status = 'PENDING'", rs -> {
      sms[0] = rs.getLong("n");
      smsOldest[0] = instant(rs, "oldest");
    });
    long[] callbacks = new long[1];
    Instant[] callbackOldest = new Instant[1];
    jdbc.query("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM callback_outbox WHERE delivered_at IS NULL", rs -> {
      callbacks[0] = rs.getLong("n");
      callbackOldest[0] = instant(rs, "oldest");
    });
    return new Snapshot(sms[0], age(smsOldest[0], now), callbacks[0], age(callbackOldest[0], now),
        engine.incidentsByType(), engine.executableJobs(), age(engine.oldestDueJob(), now), retentionOverdue.getAsLong());
  }

  private static Duration age(Instant since, Instant now) {
    return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
  }
}
