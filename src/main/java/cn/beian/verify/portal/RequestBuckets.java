package cn.beian.verify.portal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One kind of request limit (per client address, per phone, puzzles per client): token buckets by key, all with the
 * same limits, kept in a {@link BucketStore}.
 */
public class RequestBuckets {
  /** a limit: {@code tokens} per {@code period} */
  public record Limit(int tokens, Duration period) {}

  private final String namespace;
  private final BucketConfiguration configuration;
  private final BucketStore store;

  /** @param namespace what is counted ({@code client}, {@code phone}, …): keys of different limits never meet */
  public RequestBuckets(String namespace, List<Limit> limits, BucketStore store) {
    this.namespace = namespace;
    this.store = store;
    var builder = BucketConfiguration.builder();
    for (Limit limit : limits) {
      builder.addLimit(Bandwidth.builder().capacity(limit.tokens()).refillGreedy(limit.tokens(), limit.period()).build());
    }
    this.configuration = builder.build();
  }

  /** @return empty when the request may go on (one token taken), else how long until it would be allowed */
  public Optional<Duration> tryTake(String key) {
    ConsumptionProbe probe = store.bucket(namespace + ":" + key, configuration).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }
}
