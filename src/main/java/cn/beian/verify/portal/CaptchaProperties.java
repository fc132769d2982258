package cn.beian.verify.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The slider-puzzle captcha of the public endpoints (docs/rules.md §10, {@code beian.captcha.*}).
 *
 * @param enabled whether a solved puzzle is required; off only for automated tests and local demos
 * @param puzzleTtl how long an issued puzzle can be solved
 * @param tokenTtl how long the captchaToken of a solved puzzle is accepted (once)
 * @param backgrounds how many puzzle backgrounds the product draws at start-up (at least 20), one chosen at random
 *     for each puzzle
 */
@ConfigurationProperties("beian.captcha")
public record CaptchaProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT2M") Duration puzzleTtl,
    @DefaultValue("PT2M") Duration tokenTtl,
    @DefaultValue("32") int backgrounds) {

  static final int MIN_BACKGROUNDS = 20;

  public CaptchaProperties {
    if (backgrounds < MIN_BACKGROUNDS || backgrounds > 1000) {
      throw new IllegalArgumentException("beian.captcha.backgrounds must be between 20 and 1000");
    }
    if (puzzleTtl == null || puzzleTtl.isZero() || puzzleTtl.isNegative()
        || tokenTtl == null || tokenTtl.isZero() || tokenTtl.isNegative()) {
      throw new IllegalArgumentException("beian.captcha.puzzle-ttl and token-ttl must be positive");
    }
  }

  /** the captcha on or off with the default lifetimes */
  public static CaptchaProperties of(boolean enabled) {
    return new CaptchaProperties(enabled, Duration.ofMinutes(2), Duration.ofMinutes(2), 32);
  }
}
