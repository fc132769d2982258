package cn.beian.verify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one backoff of every outbox: doubling, capped, jittered so that what failed together does not return together. */
class OutboxPolicyTest {
  private final OutboxPolicy policy = new OutboxPolicy(Duration.ofSeconds(5), 20, 4, Duration.ofSeconds(20),
      Duration.ofSeconds(10), Duration.ofMinutes(10), 8, Duration.ofHours(1), false);

  @Test
  void shouldDoubleTheWaitAfterEachFailureUpToTheCapJittered() {
    // when / then: 10 s, 20 s, 40 s ... 10 min, each jittered into [half, full]
    for (int i = 0; i < 50; i++) {
      assertThat(policy.backoff(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
      assertThat(policy.backoff(3)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
      assertThat(policy.backoff(100)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
    }
  }

  @Test
  void shouldSpreadTheRetriesOfMessagesThatFailedTogether() {
    // given many messages that failed at the same moment (an SMSC or a provider down)
    // when their next attempts are scheduled / then they do not all come back at the same instant
    assertThat(IntStream.range(0, 100).mapToObj(i -> policy.backoff(2)).distinct().count())
        .isGreaterThan(10);
  }

  @Test
  void shouldRenewALeaseThreeTimesBeforeItRunsOut() {
    // a renewal that comes late once (a busy database, a GC pause) still finds the lease holding
    assertThat(policy.renewal()).isPositive();
    assertThat(policy.renewal().multipliedBy(3)).isLessThanOrEqualTo(policy.lease());
  }

  @Test
  void shouldRefuseALeaseThatIsNoLease() {
    assertThatThrownBy(() -> new OutboxPolicy(Duration.ZERO, 20, 4, Duration.ZERO, Duration.ofSeconds(1),
        Duration.ofSeconds(1), 0, null, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease");
  }
}
