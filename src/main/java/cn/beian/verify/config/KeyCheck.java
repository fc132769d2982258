package cn.beian.verify.config;

import cn.beian.verify.kernel.KeyedHasher;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose keys are not the ones its database was written with. Such a node would start
 * silently and answer NOT_FOUND to right codes (the HMAC key) or fail on every stored name and phone (the data key).
 *
 * <p>The first node to start on a database records a check value per key in {@code key_check} (migration V5_3):
 * never the key, only what the key makes of a fixed text — its HMAC for the HMAC key, its AES-GCM encryption for the
 * data key; neither reveals the key. Every later start recomputes and compares. On a database written before the
 * check existed, the first start first proves its keys on the newest stored person (decrypt the phone, hash it),
 * so that keys which differ from the data's are never recorded as the right ones.
 *
 * <p>Runs after the migrations and before the process engine (a database initializer of its own,
 * {@link KeyCheckOrder}), so nothing reads or writes personal data with the wrong keys.
 */
@Component
public class KeyCheck {
  static final String HMAC = "hmac", DATA = "data";
  private static final String TEXT = "key-check";
  private static final Logger log = LoggerFactory.getLogger(KeyCheck.class);

  private final JdbcTemplate jdbc;
  private final KeyedHasher hasher;
  private final PersonalDataCipher cipher;
  private final PersonalDataHashes hashes;
  private final Clock clock;

  // a JdbcTemplate of its own: the application's JdbcTemplate bean waits for every database initializer, this one too
  public KeyCheck(DataSource dataSource, KeyedHasher hasher, PersonalDataCipher cipher, PersonalDataHashes hashes,
      Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.hasher = hasher;
    this.cipher = cipher;
    this.hashes = hashes;
    this.clock = clock;
    check();
  }

  void check() {
    Map<String, String> recorded = recorded();
    if (recorded.isEmpty()) {
      proveOnStoredData();
      record(hmacCheckValue(), cipher.encrypt(TEXT));
      recorded = recorded();
    }
    if (!hmacCheckValue().equals(recorded.get(HMAC))) {
      throw differs("HMAC key", "BEIAN_SECRETS_HMAC_KEY");
    }
    if (!decryptsToText(recorded.get(DATA))) {
      throw differs("data key", "BEIAN_SECRETS_DATA_KEY");
    }
  }

  private String hmacCheckValue() {
    return hasher.hash(TEXT, HMAC);
  }

  private boolean decryptsToText(String checkValue) {
    try {
      return checkValue != null && TEXT.equals(cipher.decrypt(checkValue));
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private Map<String, String> recorded() {
    Map<String, String> values = new java.util.HashMap<>();
    jdbc.query("SELECT key_name, check_value FROM key_check",
        rs -> { values.put(rs.getString("key_name"), rs.getString("check_value")); });
    return values;
  }

  /**
   * both values in one statement, so that no node ever sees one without the other; another node starting at the
   * same moment may have recorded first: then its values are the ones compared
   */
  private void record(String hmacCheckValue, String dataCheckValue) {
    Timestamp now = Timestamp.from(clock.instant());
    try {
      jdbc.update("INSERT INTO key_check (key_name, check_value, created_at) VALUES (?, ?, ?), (?, ?, ?)",
          HMAC, hmacCheckValue, now, DATA, dataCheckValue, now);
      log.info("Recorded the check values of the keys: later starts with other keys are refused");
    } catch (DuplicateKeyException recordedMeanwhile) {
      // compared by check()
    }
  }

  /** on data written before key_check existed: the newest person's phone must decrypt and hash to what is stored */
  private void proveOnStoredData() {
    List<Map<String, Object>> newest = jdbc.queryForList(
        "SELECT p.phone_enc, p.phone_hash FROM filing_person p JOIN filing f ON f.id = p.filing_id "
            + "ORDER BY f.submitted_at DESC, p.id FETCH FIRST 1 ROWS ONLY");
    if (newest.isEmpty()) {
      return;
    }
    Optional<String> phone;
    try {
      phone = Optional.ofNullable(cipher.decrypt((String) newest.get(0).get("phone_enc")));
    } catch (IllegalStateException e) {
      phone = Optional.empty();
    }
    if (phone.isEmpty()) {
      throw differs("data key", "BEIAN_SECRETS_DATA_KEY");
    }
    if (!hashes.phone(phone.get()).equals(newest.get(0).get("phone_hash"))) {
      throw differs("HMAC key", "BEIAN_SECRETS_HMAC_KEY");
    }
  }

  private static StartupCheckException differs(String key, String variable) {
    return new StartupCheckException("The " + key + " (" + variable + ") is not the one this database was written "
        + "with (table key_check): this node would not find or not read what the others stored.",
        "Start every node of a database with the same " + variable + " (in the demo profile: the development keys "
            + "in beian.secrets.dev-key-file belong to the database beside them).");
  }
}
