package cn.beian.verify.kernel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a server secret (docs/rules.md §4): SMS codes and lookup keys are stored only as such hashes.
 * Thread-safe: a {@link Mac} is created per call.
 */
public class KeyedHasher {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MIN_KEY_BYTES = 32;
  // the ASCII unit separator cannot occur in phones, codes or ids, so ("ab","c") never collides with ("a","bc")
  private static final String SEPARATOR = "\u001F";

  private final SecretKeySpec key;

  public KeyedHasher(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("an HMAC key needs at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /** Lower-case hex HMAC-SHA256 of the parts joined with U+001F. */
  public String hash(String... parts) {
    Objects.requireNonNull(parts, "parts");
    for (String part : parts) {
      Objects.requireNonNull(part, "a hashed part must not be null");
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
