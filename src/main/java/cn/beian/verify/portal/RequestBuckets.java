package cn.beian.verify.portal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory Bucket4j token buckets by key (a client address, a phone's hash), each with the same limits. They are
 * per node: behind a load balancer each node counts on its own. Buckets idle for longer than the longest period
 * are dropped, so memory stays bounded by the recently active keys.
 */
public class RequestBuckets {
  /** a limit: {@code tokens} per {@code period} */
  public record Limit(int tokens, Duration period) {}

  private final List<Limit> limits;
  private final TimeMeter time;
  private final long idleNanos;
  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();

  private record Entry(Bucket bucket, AtomicLong lastUsed) {}

  public RequestBuckets(List<Limit> limits, TimeMeter time) {
    this.limits = List.copyOf(limits);
    this.time = time;
    this.idleNanos = limits.stream().map(Limit::period).max(Duration::compareTo).orElseThrow().toNanos();
  }

  /** @return empty when the request may go on (one token taken), else how long until it would be allowed */
  public java.util.Optional<Duration> tryTake(String key) {
    long now = time.currentTimeNanos();
    Entry entry = buckets.computeIfAbsent(key, k -> new Entry(newBucket(), new AtomicLong(now)));
    entry.lastUsed().set(now);
    if (calls.incrementAndGet() % 1024 == 0) {
      buckets.entrySet().removeIf(e -> now - e.getValue().lastUsed().get() > idleNanos);
    }
    ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? java.util.Optional.empty()
        : java.util.Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  int size() {
    return buckets.size();
  }

  private Bucket newBucket() {
    var builder = Bucket.builder().withCustomTimePrecision(time);
    for (Limit limit : limits) {
      builder.addLimit(Bandwidth.builder().capacity(limit.tokens()).refillGreedy(limit.tokens(), limit.period()).build());
    }
    return builder.build();
  }
}
