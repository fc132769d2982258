package cn.beian.verify.sms;

import cn.beian.verify.outbox.OutboxPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS outbox ({@code beian.sms.outbox.*}; every default documented in application.yaml).
 *
 * @param dispatch BACKGROUND: the outbox's own threads deliver, woken after each commit; INLINE: the committing thread
 *     delivers right after its commit (tests, so that a scenario reads its SMS without waiting)
 * @param pollInterval how often the outbox looks for due messages (retries, a dead node's messages); zero: never
 * @param batchSize messages claimed at once
 * @param senders hand-overs to the transport running at once on this node
 * @param lease how long a claim holds unrenewed: a node renews its claims while it works on them, and another node
 *     takes over a dead node's messages once their lease ran out
 * @param maxAttempts failed hand-overs before a message is given up (throttling by the carrier does not count)
 * @param initialBackoff the wait after the first failure (jittered), doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param maxAge a message still not handed over this long after it was written is given up, throttled or not
 */
@ConfigurationProperties("beian.sms.outbox")
public record SmsOutboxProperties(
    @DefaultValue("BACKGROUND") Dispatch dispatch,
    @DefaultValue("PT5S") Duration pollInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("4") int senders,
    @DefaultValue("PT20S") Duration lease,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("PT10S") Duration initialBackoff,
    @DefaultValue("PT10M") Duration maxBackoff,
    @DefaultValue("PT1H") Duration maxAge) {

  public enum Dispatch { BACKGROUND, INLINE }

  public SmsOutboxProperties {
    if (batchSize < 1 || maxAttempts < 1 || senders < 1) {
      throw new IllegalArgumentException("beian.sms.outbox: batch-size, senders and max-attempts must be positive");
    }
    if (lease.isNegative() || lease.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("beian.sms.outbox: lease must be positive and max-backoff >= initial-backoff");
    }
  }

  OutboxPolicy policy() {
    return new OutboxPolicy(pollInterval, batchSize, senders, lease, initialBackoff, maxBackoff, maxAttempts, maxAge,
        dispatch == Dispatch.INLINE);
  }
}
