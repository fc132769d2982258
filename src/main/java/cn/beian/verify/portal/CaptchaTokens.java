package cn.beian.verify.portal;

import static cn.beian.verify.kernel.Timestamps.ts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The captchaTokens of solved puzzles: 32 random bytes, stored only as SHA-256 with an expiry, spent by one
 * conditional UPDATE, so a token works once on whichever node it reaches.
 */
@Component
public class CaptchaTokens {
  private final SecureRandom random = new SecureRandom();
  private final JdbcTemplate jdbc;
  private final CaptchaProperties properties;
  private final Clock clock;

  public CaptchaTokens(JdbcTemplate jdbc, CaptchaProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** a new token for one solved puzzle */
  public String issue() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    // spent and expired tokens are of no use to anyone: cleared as new ones are issued
    jdbc.update("DELETE FROM captcha_token WHERE expires_at < ?", ts(now));
    jdbc.update("INSERT INTO captcha_token (token_hash, issued_at, expires_at) VALUES (?, ?, ?)",
        hash(token), ts(now), ts(now.plus(properties.tokenTtl())));
    return token;
  }

  /** @return whether the token was issued, has not expired and had not been spent; it is spent now */
  public boolean consume(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return false;
    }
    Instant now = clock.instant();
    return jdbc.update("UPDATE captcha_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        ts(now), hash(token.strip()), ts(now)) == 1;
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
