package cn.beian.verify.portal;

import static cn.beian.verify.kernel.Timestamps.ts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SMS limits per phone that Chinese SMS providers enforce (default 1 a minute, 5 an hour, 10 a day), applied to
 * manual resend requests. Every send to the phone counts (first code, automatic and manual resends, in any
 * request), read from the requests' trails in the database: the sends are made by whichever node runs the job,
 * so only the database sees them all. A manual resend counts from the moment it is asked for.
 */
@Component
public class SmsSendLimits {
  private final JdbcTemplate jdbc;
  private final RateLimitProperties properties;
  private final Clock clock;

  public SmsSendLimits(JdbcTemplate jdbc, RateLimitProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** @return how long until one more SMS to the phone (by its hash) is within every limit; empty when it is now */
  public Optional<Duration> retryAfter(String phoneHash) {
    Instant now = clock.instant();
    List<Instant> sends = jdbc.queryForList("SELECT e.at FROM filing_event e JOIN verifier v ON v.id = e.verifier_id "
            + "WHERE v.phone_hash = ? AND e.at > ? AND (e.event = 'SMS_SENT' OR e.event = 'RESEND_REQUESTED' "
            + "OR (e.event = 'SMS_RESENT' AND e.detail = 'AUTO'))",
        OffsetDateTime.class, phoneHash, ts(now.minus(Duration.ofDays(1)))).stream().map(OffsetDateTime::toInstant).toList();
    return retryAfter(sends, now, properties);
  }

  /** for each limit (n per period): when n sends fall in the last period, wait until the oldest of them leaves it */
  static Optional<Duration> retryAfter(List<Instant> sends, Instant now, RateLimitProperties limits) {
    List<Instant> newestFirst = sends.stream().sorted(Comparator.reverseOrder()).toList();
    Duration wait = Duration.ZERO;
    wait = max(wait, waitFor(newestFirst, now, limits.smsPerMinute(), Duration.ofMinutes(1)));
    wait = max(wait, waitFor(newestFirst, now, limits.smsPerHour(), Duration.ofHours(1)));
    wait = max(wait, waitFor(newestFirst, now, limits.smsPerDay(), Duration.ofDays(1)));
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  private static Duration waitFor(List<Instant> newestFirst, Instant now, int max, Duration period) {
    Instant since = now.minus(period);
    List<Instant> inPeriod = newestFirst.stream().filter(at -> at.isAfter(since)).toList();
    if (inPeriod.size() < max) {
      return Duration.ZERO;
    }
    Instant leaves = inPeriod.get(max - 1).plus(period);
    Duration wait = Duration.between(now, leaves);
    return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
