package cn.beian.verify.ops.health;

import cn.beian.verify.ops.OperationalFigures;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * What waits to be done, cluster-wide: a backlog that ages or an open incident is WARN, never DOWN, and none of these
 * is part of readiness: taking nodes out of the load balancer would not deliver a single message sooner.
 */
final class BacklogHealthIndicators {
  private BacklogHealthIndicators() {}

  /** {@code smsOutbox}: codes committed but not yet accepted by the carrier */
  static class SmsOutbox extends AbstractHealthIndicator {
    private final Supplier<OperationalFigures.Snapshot> figures;
    private final Duration warnAge;

    SmsOutbox(Supplier<OperationalFigures.Snapshot> figures, Duration warnAge) {
      super("SMS outbox health check failed");
      this.figures = figures;
      this.warnAge = warnAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
      OperationalFigures.Snapshot now = figures.get();
      aged(builder, now.smsOldestPendingAge(), warnAge).withDetail("pending", now.smsPending())
          .withDetail("oldestPendingSeconds", now.smsOldestPendingAge().toSeconds());
    }
  }

  /** {@code callbackOutbox}: status changes the access providers have not acknowledged yet */
  static class CallbackOutbox extends AbstractHealthIndicator {
    private final Supplier<OperationalFigures.Snapshot> figures;
    private final Duration warnAge;

    CallbackOutbox(Supplier<OperationalFigures.Snapshot> figures, Duration warnAge) {
      super("Callback outbox health check failed");
      this.figures = figures;
      this.warnAge = warnAge;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
      OperationalFigures.Snapshot now = figures.get();
      aged(builder, now.callbackOldestWaitingAge(), warnAge).withDetail("waiting", now.callbacksWaiting())
          .withDetail("oldestWaitingSeconds", now.callbackOldestWaitingAge().toSeconds());
    }
  }

  /** {@code incidents}: the engine's open incidents (failed jobs, lost SMS), which only an operator resolves */
  static class Incidents extends AbstractHealthIndicator {
    private final Supplier<OperationalFigures.Snapshot> figures;

    Incidents(Supplier<OperationalFigures.Snapshot> figures) {
      super("Incident health check failed");
      this.figures = figures;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
      OperationalFigures.Snapshot now = figures.get();
      builder.status(now.incidents() > 0 ? HealthStatuses.WARN : Status.UP)
          .withDetail("open", now.incidents()).withDetail("byType", now.incidentsByType());
    }
  }

  private static Health.Builder aged(Health.Builder builder, Duration oldest, Duration warnAge) {
    return oldest.compareTo(warnAge) > 0 ? builder.status(HealthStatuses.WARN) : builder.up();
  }
}
