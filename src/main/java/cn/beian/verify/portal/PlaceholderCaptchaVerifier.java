package cn.beian.verify.portal;

import org.springframework.stereotype.Component;

/**
 * The captcha until the slider puzzle exists: with the captcha on, no token can have been earned, so every
 * token is refused rather than silently accepted; with {@code beian.captcha.enabled=false} every request passes.
 */
@Component
public class PlaceholderCaptchaVerifier implements CaptchaVerifier {
  private final CaptchaProperties properties;

  public PlaceholderCaptchaVerifier(CaptchaProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean consume(String captchaToken) {
    return !properties.enabled();
  }
}
