package cn.beian.verify.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaceholderCaptchaVerifierTest {

  @Test
  void shouldRefuseEveryTokenWhileTheCaptchaIsOnAndNoPuzzleExists() {
    CaptchaVerifier captcha = new PlaceholderCaptchaVerifier(new CaptchaProperties(true));
    assertThat(captcha.consume("anything")).isFalse();
    assertThat(captcha.consume("")).isFalse();
    assertThat(captcha.consume(null)).isFalse();
  }

  @Test
  void shouldAcceptEveryRequestWhenTheCaptchaIsOff() {
    CaptchaVerifier captcha = new PlaceholderCaptchaVerifier(new CaptchaProperties(false));
    assertThat(captcha.consume(null)).isTrue();
    assertThat(captcha.consume("anything")).isTrue();
  }
}
