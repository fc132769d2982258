package cn.beian.verify.process.staff;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failed-login throttling of the staff logins ({@code beian.login-throttle.*}; defaults documented in
 * application.yaml). Failures are counted per client address and user, and per client address: an outsider's
 * failures lock out the outsider's address, never the user's account, so the real reviewer (from another
 * address) is never kept out, and a client sharing the outsider's address at most {@code lock-duration} after
 * the outsider's last counted failure. Camunda's own per-account lock is switched off (application.yaml).
 *
 * @param enabled refuse logins over the limits with 429
 * @param maxFailuresPerUser failed logins of one user from one client address before that pair is locked
 * @param maxFailuresPerClient failed logins from one client address, whatever the user, before it is locked
 * @param lockDuration how long failures are counted (from the first) and how long a lock lasts (from the last)
 * @param maxTracked client/user pairs and clients remembered at once per node (the oldest are forgotten first)
 */
@ConfigurationProperties("beian.login-throttle")
public record LoginThrottleProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5") int maxFailuresPerUser,
    @DefaultValue("20") int maxFailuresPerClient,
    @DefaultValue("PT15M") Duration lockDuration,
    @DefaultValue("100000") int maxTracked) {

  public LoginThrottleProperties {
    if (maxFailuresPerUser < 1 || maxFailuresPerClient < 1 || maxTracked < 1 || lockDuration.isNegative()
        || lockDuration.isZero()) {
      throw new IllegalArgumentException("beian.login-throttle: limits and max-tracked must be at least 1, "
          + "lock-duration positive");
    }
  }
}
