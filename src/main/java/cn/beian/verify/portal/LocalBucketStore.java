package cn.beian.verify.portal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets in this node's memory. A bucket idle for longer than its longest refill period is full again, so it
 * is dropped: memory stays bounded by the keys active recently.
 */
public class LocalBucketStore implements BucketStore {
  private final TimeMeter time;
  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();

  private record Entry(Bucket bucket, long idleNanos, AtomicLong lastUsed) {}

  public LocalBucketStore(TimeMeter time) {
    this.time = time;
  }

  @Override
  public Bucket bucket(String key, BucketConfiguration configuration) {
    long now = time.currentTimeNanos();
    Entry entry = buckets.computeIfAbsent(key, k -> new Entry(newBucket(configuration),
        Arrays.stream(configuration.getBandwidths()).mapToLong(Bandwidth::getRefillPeriodNanos).max().orElse(0),
        new AtomicLong(now)));
    entry.lastUsed().set(now);
    if (calls.incrementAndGet() % 1024 == 0) {
      buckets.entrySet().removeIf(e -> now - e.getValue().lastUsed().get() > e.getValue().idleNanos());
    }
    return entry.bucket();
  }

  int size() {
    return buckets.size();
  }

  private Bucket newBucket(BucketConfiguration configuration) {
    var builder = Bucket.builder().withCustomTimePrecision(time);
    for (Bandwidth limit : configuration.getBandwidths()) {
      builder.addLimit(limit);
    }
    return builder.build();
  }
}
