package cn.beian.verify.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Signature: sha256=<hex>}: HMAC-SHA256, keyed with the provider's secret (its UTF-8 bytes), of the exact
 * body bytes as sent, in lower-case hex.
 */
public final class CallbackSignature {
  public static final String HEADER = "X-Signature";
  private static final String PREFIX = "sha256=";

  private CallbackSignature() {}

  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
