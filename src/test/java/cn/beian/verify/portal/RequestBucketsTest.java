package cn.beian.verify.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.portal.RequestBuckets.Limit;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestBucketsTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final TimeMeter clock = new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  };

  @Test
  void shouldRefuseOverTheLimitAndTellHowLongToWait() {
    // given 2 per minute
    RequestBuckets buckets = new RequestBuckets("test", List.of(new Limit(2, Duration.ofMinutes(1))),
        new LocalBucketStore(clock));

    // when a key takes three
    assertThat(buckets.tryTake("a")).isEmpty();
    assertThat(buckets.tryTake("a")).isEmpty();

    // then the third waits about half a minute (greedy refill), and other keys are untouched
    assertThat(buckets.tryTake("a")).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(29),
        Duration.ofSeconds(31)));
    assertThat(buckets.tryTake("b")).isEmpty();
  }

  @Test
  void shouldApplyTheStricterOfSeveralLimits() {
    // given 5 per minute and 6 per hour
    RequestBuckets buckets = new RequestBuckets("test", List.of(new Limit(5, Duration.ofMinutes(1)),
        new Limit(6, Duration.ofHours(1))), new LocalBucketStore(clock));
    for (int i = 0; i < 5; i++) {
      assertThat(buckets.tryTake("a")).isEmpty();
    }

    // when two minutes later two more are asked for
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());

    // then only one fits in the hour
    assertThat(buckets.tryTake("a")).isEmpty();
    assertThat(buckets.tryTake("a")).isPresent();
  }
}
