package cn.beian.verify.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmsSendLimitsTest {
  private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
  private static final RateLimitProperties DEFAULTS = RateLimitProperties.defaults(true);

  @Test
  void shouldAllowTheFirstSms() {
    assertThat(SmsSendLimits.retryAfter(List.of(), NOW, DEFAULTS)).isEmpty();
  }

  @Test
  void shouldWaitOutTheMinuteAfterASend() {
    // given a send 20 s ago
    List<Instant> sends = List.of(NOW.minusSeconds(20));

    // then the next one waits the other 40 s
    assertThat(SmsSendLimits.retryAfter(sends, NOW, DEFAULTS)).contains(Duration.ofSeconds(40));
  }

  @Test
  void shouldRefuseTheSixthInAnHourUntilTheOldestLeavesIt() {
    // given five sends in the last hour, the oldest 50 minutes ago
    List<Instant> sends = List.of(NOW.minusSeconds(3000), NOW.minusSeconds(2400), NOW.minusSeconds(1800),
        NOW.minusSeconds(1200), NOW.minusSeconds(600));

    // then the sixth waits 10 minutes
    assertThat(SmsSendLimits.retryAfter(sends, NOW, DEFAULTS)).contains(Duration.ofMinutes(10));
  }

  @Test
  void shouldRefuseTheEleventhInADay() {
    // given ten sends spread over the last day, the oldest 23 hours ago
    List<Instant> sends = java.util.stream.IntStream.range(0, 10)
        .mapToObj(i -> NOW.minus(Duration.ofHours(23)).plus(Duration.ofMinutes(10L * i))).toList();

    // then the next waits until that one is a day old
    assertThat(SmsSendLimits.retryAfter(sends, NOW, DEFAULTS)).contains(Duration.ofHours(1));
  }
}
