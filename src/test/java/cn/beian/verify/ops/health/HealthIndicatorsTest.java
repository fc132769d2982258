package cn.beian.verify.ops.health;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.ops.OperationalFigures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** Each check's states, from the figures it is given. */
class HealthIndicatorsTest {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private static OperationalFigures.Snapshot figures(long smsPending, Duration smsAge, long callbacks,
      Duration callbackAge, Map<String, Long> incidents) {
    return new OperationalFigures.Snapshot(smsPending, smsAge, callbacks, callbackAge, incidents, 0, Duration.ZERO, 0);
  }

  @Test
  void shouldWarnWhenTheOldestSmsWaitsLongerThanTheThreshold() {
    // given an outbox whose oldest message waits 4 minutes, then 6
    var young = new BacklogHealthIndicators.SmsOutbox(
        () -> figures(3, Duration.ofMinutes(4), 0, Duration.ZERO, Map.of()), FIVE_MINUTES);
    var old = new BacklogHealthIndicators.SmsOutbox(
        () -> figures(3, Duration.ofMinutes(6), 0, Duration.ZERO, Map.of()), FIVE_MINUTES);

    // when / then the first is UP, the second WARN, both telling the backlog
    Health up = young.health();
    assertThat(up.getStatus()).isEqualTo(Status.UP);
    assertThat(up.getDetails()).containsEntry("pending", 3L).containsEntry("oldestPendingSeconds", 240L);
    assertThat(old.health().getStatus()).isEqualTo(HealthStatuses.WARN);
  }

  @Test
  void shouldWarnWhenTheOldestCallbackWaitsLongerThanTheThreshold() {
    // given callbacks whose oldest waits 5 minutes, then 5 minutes and a second, against a 5-minute threshold
    var atThreshold = new BacklogHealthIndicators.CallbackOutbox(
        () -> figures(0, Duration.ZERO, 7, FIVE_MINUTES, Map.of()), FIVE_MINUTES);
    var beyond = new BacklogHealthIndicators.CallbackOutbox(
        () -> figures(0, Duration.ZERO, 7, FIVE_MINUTES.plusSeconds(1), Map.of()), FIVE_MINUTES);

    // when / then
    assertThat(atThreshold.health().getStatus()).isEqualTo(Status.UP);
    assertThat(atThreshold.health().getDetails()).containsEntry("waiting", 7L);
    assertThat(beyond.health().getStatus()).isEqualTo(HealthStatuses.WARN);
  }

  @Test
  void shouldWarnWhileAnIncidentIsOpen() {
    // given no incident, then two of different types
    var none = new BacklogHealthIndicators.Incidents(() -> figures(0, Duration.ZERO, 0, Duration.ZERO, Map.of()));
    var two = new BacklogHealthIndicators.Incidents(() -> figures(0, Duration.ZERO, 0, Duration.ZERO,
        Map.of("failedJob", 1L, "smsDeliveryFailed", 1L)));

    // when / then
    assertThat(none.health().getStatus()).isEqualTo(Status.UP);
    Health warn = two.health();
    assertThat(warn.getStatus()).isEqualTo(HealthStatuses.WARN);
    assertThat(warn.getDetails()).containsEntry("open", 2L);
  }

  @Test
  void shouldBeDownWhenTheFiguresCannotBeRead() {
    // given a database that does not answer
    var broken = new BacklogHealthIndicators.SmsOutbox(() -> {
      throw new IllegalStateException("connection refused");
    }, FIVE_MINUTES);

    // when / then
    assertThat(broken.health().getStatus()).isEqualTo(Status.DOWN);
  }
}
