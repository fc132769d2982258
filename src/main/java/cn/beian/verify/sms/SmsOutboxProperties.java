package cn.beian.verify.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS outbox and its dispatcher ({@code beian.sms.outbox.*}).
 *
 * @param dispatch BACKGROUND: a dispatcher thread is nudged after each commit; INLINE: the committing thread
 *     delivers right after its commit (tests, so that a scenario reads its SMS without waiting)
 * @param pollInterval how often the dispatcher looks for due messages (retries, a dead node's messages); zero: never
 * @param batchSize messages claimed at once
 * @param lease how long a dispatcher owns a claimed message before another node may take it over
 * @param maxAttempts failed hand-overs before a message is given up (throttling by the carrier does not count)
 * @param initialBackoff the wait after the first failure, doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param maxAge a message still not handed over this long after it was written is given up, throttled or not
 */
@ConfigurationProperties("beian.sms.outbox")
public record SmsOutboxProperties(
    @DefaultValue("BACKGROUND") Dispatch dispatch,
    @DefaultValue("PT5S") Duration pollInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("PT2M") Duration lease,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("PT10S") Duration initialBackoff,
    @DefaultValue("PT10M") Duration maxBackoff,
    @DefaultValue("PT1H") Duration maxAge) {

  public enum Dispatch { BACKGROUND, INLINE }

  public SmsOutboxProperties {
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("beian.sms.outbox: batch-size and max-attempts must be positive");
    }
    if (lease.isNegative() || lease.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("beian.sms.outbox: lease must be positive and max-backoff >= initial-backoff");
    }
  }

  /** the wait after the n-th counted failure (n from 1) */
  public Duration backoff(int failures) {
    Duration wait = initialBackoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
