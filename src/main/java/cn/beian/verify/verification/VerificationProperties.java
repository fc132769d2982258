package cn.beian.verify.verification;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The configurable rules of verification (docs/rules.md §10, {@code beian.verification.*}); the defaults are the
 * decided readings of the spec.
 *
 * @param window verification window from the first send (§4)
 * @param maxChecksPerCode failed checks a code survives (§5)
 * @param maxFailedAttempts failures per verifier per request before it fails (§5)
 * @param maxManualResends manual resends per verifier per request (§6)
 * @param autoResendTime local time of the automatic resend on the day after the first send (§6)
 * @param zone the zone business times are computed in
 */
@ConfigurationProperties("beian.verification")
public record VerificationProperties(
    @DefaultValue("PT24H") Duration window,
    @DefaultValue("3") int maxChecksPerCode,
    @DefaultValue("5") int maxFailedAttempts,
    @DefaultValue("2") int maxManualResends,
    @DefaultValue("12:00") LocalTime autoResendTime,
    @DefaultValue("Asia/Shanghai") ZoneId zone) {

  public VerificationProperties {
    // a misconfiguration must stop the application at startup, not surface at the first check
    if (window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("beian.verification.window must be positive: " + window);
    }
    if (maxChecksPerCode < 1 || maxFailedAttempts < 1 || maxManualResends < 0) {
      throw new IllegalArgumentException("beian.verification limits must be positive");
    }
    if (autoResendTime == null || zone == null) {
      throw new IllegalArgumentException("beian.verification.auto-resend-time and zone are required");
    }
  }
}
