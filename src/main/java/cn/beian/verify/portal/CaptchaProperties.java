package cn.beian.verify.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The slider-puzzle captcha of the public endpoints (RULES.md §10, {@code beian.captcha.*}).
 *
 * @param enabled whether a solved puzzle is required; off only for automated tests and local demos
 */
@ConfigurationProperties("beian.captcha")
public record CaptchaProperties(@DefaultValue("true") boolean enabled) {}
