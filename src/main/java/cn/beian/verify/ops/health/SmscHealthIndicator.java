package cn.beian.verify.ops.health;

import cn.beian.verify.sms.smpp.SmppSmsGateway;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * {@code smsc} (only with {@code beian.sms.transport=smpp}): UP while this node has a bound transceiver session; WARN
 * while it has had none for less than the threshold (the transport rebinds within seconds); DOWN after that, which
 * takes the node out of readiness.
 */
class SmscHealthIndicator extends AbstractHealthIndicator {
  private final SmppSmsGateway gateway;
  private final Duration threshold;
  private final Clock wallClock;

  /** @param wallClock real time, the one the transport records its binds in */
  SmscHealthIndicator(SmppSmsGateway gateway, Duration threshold, Clock wallClock) {
    super("SMSC health check failed");
    this.gateway = gateway;
    this.threshold = threshold;
    this.wallClock = wallClock;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    SmppSmsGateway.Connection connection = gateway.connection();
    if (connection.bound()) {
      builder.up().withDetail("bound", true);
      return;
    }
    Duration unbound = Duration.between(connection.unboundSince(), wallClock.instant());
    Status status = unbound.compareTo(threshold) >= 0 ? Status.DOWN : HealthStatuses.WARN;
    builder.status(status).withDetail("bound", false).withDetail("unboundSince", connection.unboundSince().toString())
        .withDetail("unboundSeconds", unbound.toSeconds()).withDetail("thresholdSeconds", threshold.toSeconds());
  }
}
