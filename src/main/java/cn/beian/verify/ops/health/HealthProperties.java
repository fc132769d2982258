package cn.beian.verify.ops.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the health checks ({@code beian.health.*}, README "Operating it").
 *
 * @param smscUnreachableThreshold with {@code beian.sms.transport=smpp}: how long this node may have no bound SMSC
 *     session before its readiness goes DOWN (until then the check says WARN); rebinding takes seconds, so anything
 *     longer is a network or carrier outage worth taking the node out of the load balancer for
 * @param smsOutboxWarnAge the oldest message still waiting to be handed to the carrier: older than this is WARN
 * @param callbackOutboxWarnAge the oldest callback a provider has not acknowledged: older than this is WARN
 * @param figuresMaxAge how long one read of the backlog figures serves every probe and scrape
 */
@ConfigurationProperties("beian.health")
public record HealthProperties(
    @DefaultValue("PT2M") Duration smscUnreachableThreshold,
    @DefaultValue("PT5M") Duration smsOutboxWarnAge,
    @DefaultValue("PT15M") Duration callbackOutboxWarnAge,
    @DefaultValue("PT10S") Duration figuresMaxAge) {

  public HealthProperties {
    if (smscUnreachableThreshold.isNegative() || smsOutboxWarnAge.isNegative() || callbackOutboxWarnAge.isNegative()
        || figuresMaxAge.isNegative()) {
      throw new IllegalArgumentException("beian.health: durations must not be negative");
    }
  }
}
