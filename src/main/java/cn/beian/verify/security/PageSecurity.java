package cn.beian.verify.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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

  /** the verification page: its script, stylesheet and API calls are all same-origin files */
  public static final String VERIFY_PAGE_POLICY = policy("'self'");

  private PageSecurity() {}

  /** a page whose only style is one inline {@code <style>} element: allowed by its hash, nothing else inline */
  public static String policyWithInlineStyle(String css) {
    return policy("'sha256-" + sha256Base64(css) + "'");
  }

  /** adds the policy and the framing refusal to a response */
  public static <B extends ResponseEntity.HeadersBuilder<B>> B protect(B response, String policy) {
    return response.header(CONTENT_SECURITY_POLICY, policy).header(X_FRAME_OPTIONS, "DENY");
  }

  private static String policy(String styleSource) {
    return "default-src 'none'; script-src 'self'; style-src " + styleSource + "; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  }

  private static String sha256Base64(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
