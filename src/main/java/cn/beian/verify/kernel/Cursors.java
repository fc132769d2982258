package cn.beian.verify.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opaque paging cursors handed to a client (the list's {@code nextCursor}, the change feed's {@code cursor}): the
 * position as text, sealed with an HMAC under the server's key over the kind of cursor, the provider it was given to
 * and the position. A cursor is only ever taken back from the provider it was given to and for its own kind: a
 * forged, garbled, truncated or another provider's cursor does not open, and the caller answers 400. The position is
 * readable (base64url), not secret; what matters is that nobody can make one up.
 */
public class Cursors {
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
  // the unit separator never occurs in a position's parts (numbers, ids, instants)
  private static final String SEPARATOR = "\u001F";
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,400}\\.[0-9a-f]{32}");

  private final KeyedHasher hasher;

  public Cursors(KeyedHasher hasher) {
    this.hasher = hasher;
  }

  /** a cursor of this kind for this provider at the given position */
  public String seal(String kind, String providerId, List<String> position) {
    String payload = String.join(SEPARATOR, position);
    return ENCODE.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + mac(kind, providerId, payload);
  }

  /** the position of a cursor this provider was given for this kind; empty for anything else */
  public Optional<List<String>> open(String kind, String providerId, String cursor) {
    if (cursor == null || !SHAPE.matcher(cursor).matches()) {
      return Optional.empty();
    }
    int dot = cursor.indexOf('.');
    String payload;
    try {
      payload = new String(DECODE.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    byte[] expected = mac(kind, providerId, payload).getBytes(StandardCharsets.US_ASCII);
    byte[] given = cursor.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return Optional.empty();
    }
    return Optional.of(Arrays.asList(payload.split(SEPARATOR, -1)));
  }

  /** 128 bits of the HMAC: enough against forgery, short enough for a query string */
  private String mac(String kind, String providerId, String payload) {
    return hasher.hash(HashDomains.CURSOR, kind, providerId, payload).substring(0, 32);
  }
}
