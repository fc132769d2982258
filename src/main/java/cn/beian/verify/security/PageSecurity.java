package cn.beian.verify.security;

import org.springframework.http.ResponseEntity;

/**
 * Headers of the product's own HTML pages ({@code /verify}, {@code /v/*}, {@code /dev/sms}): a Content-Security-Policy
 * that allows only the page's own script, stylesheet and requests, and no framing at all ({@code frame-ancestors
 * 'none'} and, for browsers without CSP 2, {@code X-Frame-Options: DENY}), so the page cannot be overlaid in a
 * stranger's frame (clickjacking the slider) nor run injected script. The puzzle's images are {@code data:} URLs.
 */
public final class PageSecurity {
  public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";
  public static final String X_FRAME_OPTIONS = "X-Frame-Options";

  /** the product's pages: their scripts, stylesheets and API calls are all same-origin files, nothing inline */
  public static final String SAME_ORIGIN_POLICY = policy("'self'");

  private PageSecurity() {}

  /** adds the policy and the framing refusal to a response */
  public static <B extends ResponseEntity.HeadersBuilder<B>> B protect(B response, String policy) {
    return response.header(CONTENT_SECURITY_POLICY, policy).header(X_FRAME_OPTIONS, "DENY");
  }

  private static String policy(String styleSource) {
    return "default-src 'none'; script-src 'self'; style-src " + styleSource + "; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }
}
