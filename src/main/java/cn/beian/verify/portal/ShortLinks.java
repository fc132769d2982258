package cn.beian.verify.portal;

import static cn.beian.verify.kernel.Timestamps.ts;

import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SMS short link {@code /v/{token}} (docs/rules.md §7): the token is stored only as a keyed hash on its verifier,
 * replaced by each new code's SMS, and opens nothing once the verification is no longer pending or its window closed.
 */
@Component
public class ShortLinks {
  static final int MAX_TOKEN_LENGTH = 100;

  private final JdbcTemplate jdbc;
  private final PersonalDataHashes hashes;
  private final PersonalDataCipher cipher;
  private final Clock clock;

  public ShortLinks(JdbcTemplate jdbc, PersonalDataHashes hashes, PersonalDataCipher cipher, Clock clock) {
    this.jdbc = jdbc;
    this.hashes = hashes;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** @return the phone of the pending verification the token belongs to; empty for a dead, unknown or malformed one */
  public Optional<String> phoneOf(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    List<String> phones = jdbc.queryForList("SELECT v.phone_enc FROM verifier v JOIN filing f ON f.id = v.filing_id "
            + "WHERE v.link_token_hash = ? AND v.status = 'PENDING' AND f.verification_deadline > ?",
        String.class, hashes.linkToken(token), ts(clock.instant()));
    return phones.stream().findFirst().map(cipher::decrypt);
  }
}
