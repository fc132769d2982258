package cn.beian.verify.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackBackoffTest {

  private static CallbackProperties properties(Duration lease, Duration timeout) {
    return new CallbackProperties(Map.of(), Duration.ofSeconds(5), Duration.ofHours(1), lease, Duration.ofSeconds(5),
        timeout, 20);
  }

  private final CallbackDispatcher dispatcher =
      new CallbackDispatcher(null, null, properties(Duration.ofMinutes(1), Duration.ofSeconds(10)), Clock.systemUTC(),
          event -> {});

  @Test
  void shouldDoubleTheWaitAfterEachFailureWithJitter() {
    // when / then: initial 5 s, then 10 s, 20 s ..., each jittered into [half, full]
    for (int i = 0; i < 50; i++) {
      assertThat(dispatcher.backoff(1)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
      assertThat(dispatcher.backoff(2)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
      assertThat(dispatcher.backoff(4)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
    }
  }

  @Test
  void shouldNeverWaitLongerThanTheCapHoweverOftenItFailed() {
    // when / then: an endpoint down for days is still tried at least hourly
    for (int attempts : new int[] {11, 12, 100, 10_000}) {
      assertThat(dispatcher.backoff(attempts)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
    }
  }

  @Test
  void shouldRefuseALeaseShorterThanOneAttempt() {
    // a lease that ends while the attempt is still waiting would let a second node send the same row meanwhile
    assertThatThrownBy(() -> properties(Duration.ofSeconds(10), Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
  }
}
