package cn.beian.verify.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How one outbox delivers: claims, leases, retries.
 *
 * @param pollInterval how often due rows are looked for besides the nudge after each commit that wrote one
 *     (retries, and rows of a node that died); zero: never
 * @param batchSize rows claimed at once
 * @param senders hand-overs running at once on this node's own threads; zero: the transport is asynchronous itself
 * @param lease how long a claim holds without being renewed; a node renews its claims every third of it while it
 *     works on them, so a slow but alive node keeps them and a dead node's are taken over once it ran out
 * @param initialBackoff the wait after the first failure; each further one doubles it, up to {@code maxBackoff}
 * @param maxAttempts failed attempts before a row is given up; zero: never given up
 * @param maxAge a row not delivered this long after it was written is given up; null: never
 * @param inline deliver on the thread whose commit wrote the row, right after the commit (tests), instead of on the
 *     outbox's own threads
 */
public record OutboxPolicy(Duration pollInterval, int batchSize, int senders, Duration lease, Duration initialBackoff,
    Duration maxBackoff, int maxAttempts, Duration maxAge, boolean inline) {

  public OutboxPolicy {
    if (pollInterval.isNegative() || batchSize < 1 || senders < 0 || maxAttempts < 0) {
      throw new IllegalArgumentException("outbox: poll interval, batch size, senders and attempts cannot be negative");
    }
    if (lease.isNegative() || lease.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("outbox: the lease must be positive and max backoff >= initial backoff");
    }
  }

  /** how often a node renews the claims it works on */
  public Duration renewal() {
    return lease.dividedBy(3);
  }

  /**
   * the wait after the n-th counted failure (n from 1): initial × 2^(n-1), capped, then jittered into [½, 1] of it, so
   * that the rows that failed together (a carrier or a provider down) do not come back in one stampede
   */
  public Duration backoff(int failures) {
    Duration wait = initialBackoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    long millis = Math.min(wait.toMillis(), maxBackoff.toMillis());
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }
}
