package cn.beian.verify.portal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client and per-phone limits on the public endpoints (docs/rules.md §10, {@code beian.rate-limits.*}); the
 * defaults are documented once, in application.yaml.
 *
 * @param enabled whether requests over the limits are answered 429; off only for automated tests
 * @param perClientPerMinute checks and resend requests from one client address per minute
 * @param perClientPerHour the same per hour
 * @param perPhonePerMinute checks and resend requests naming one phone per minute
 * @param perPhonePerHour the same per hour
 * @param puzzlesPerClientPerMinute puzzles fetched and checked by one client address per minute
 * @param puzzlesPerClientPerHour the same per hour
 * @param smsPerMinute SMS sent to one phone per minute (a manual resend beyond it is refused)
 * @param smsPerHour the same per hour
 * @param smsPerDay the same per day
 * @param trustedProxies addresses of the reverse proxies whose X-Forwarded-For is believed; none by default
 */
@ConfigurationProperties("beian.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10") int perClientPerMinute,
    @DefaultValue("100") int perClientPerHour,
    @DefaultValue("5") int perPhonePerMinute,
    @DefaultValue("30") int perPhonePerHour,
    @DefaultValue("30") int puzzlesPerClientPerMinute,
    @DefaultValue("300") int puzzlesPerClientPerHour,
    @DefaultValue("1") int smsPerMinute,
    @DefaultValue("5") int smsPerHour,
    @DefaultValue("10") int smsPerDay,
    @DefaultValue List<String> trustedProxies) {

  public RateLimitProperties {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    if (perClientPerMinute < 1 || perClientPerHour < 1 || perPhonePerMinute < 1 || perPhonePerHour < 1
        || puzzlesPerClientPerMinute < 1 || puzzlesPerClientPerHour < 1 || smsPerMinute < 1 || smsPerHour < 1
        || smsPerDay < 1) {
      throw new IllegalArgumentException("beian.rate-limits: every limit must be at least 1");
    }
  }

  /** the documented defaults, on or off */
  public static RateLimitProperties defaults(boolean enabled) {
    return new RateLimitProperties(enabled, 10, 100, 5, 30, 30, 300, 1, 5, 10, List.of());
  }
}
