package cn.beian.verify.portal;

/** The captcha check of the public endpoints (docs/http-contract.md §2): a token proves one solved puzzle, once. */
public interface CaptchaVerifier {

  /**
   * Whether the token proves a solved puzzle; a token is single use, so a second call with it answers false.
   * Null or blank tokens are refused.
   */
  boolean consume(String captchaToken);
}
