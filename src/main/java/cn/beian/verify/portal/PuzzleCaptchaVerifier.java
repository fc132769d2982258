package cn.beian.verify.portal;

import org.springframework.stereotype.Component;

/**
 * The captcha of the public endpoints: a token proves one solved slider puzzle and is spent by the check that
 * presents it. With {@code beian.captcha.enabled=false} (tests, local demos) every request passes.
 */
@Component
public class PuzzleCaptchaVerifier implements CaptchaVerifier {
  private final CaptchaProperties properties;
  private final CaptchaTokens tokens;

  public PuzzleCaptchaVerifier(CaptchaProperties properties, CaptchaTokens tokens) {
    this.properties = properties;
    this.tokens = tokens;
  }

  @Override
  public boolean consume(String captchaToken) {
    return !properties.enabled() || tokens.consume(captchaToken);
  }
}
