package cn.beian.verify.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client and per-phone limits on the public endpoints (RULES.md §10, {@code beian.rate-limits.*}).
 *
 * @param enabled whether requests over the limits are answered 429; off only for automated tests
 */
@ConfigurationProperties("beian.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled) {}
