package cn.beian.verify.sms;

import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.kernel.Timestamps;
import cn.beian.verify.verification.VerificationProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The messages the built-in gateway kept in {@code sms_message}, decrypted for the demo inbox (docs/http-contract.md
 * §3). Exists only with the built-in transport: with a real carrier there is nothing to show and nothing may be shown.
 */
@Component
@ConditionalOnProperty(name = "beian.sms.transport", havingValue = "builtin", matchIfMissing = true)
public class DemoInbox {
  private static final Logger log = LoggerFactory.getLogger(DemoInbox.class);
  private static final String COLUMNS = "SELECT id, to_masked, to_enc, sender, text_enc, sent_at FROM sms_message ";
  // newest first; the id only makes the order of equal timestamps stable
  private static final String NEWEST_FIRST = " ORDER BY sent_at DESC, id DESC";

  private final JdbcTemplate jdbc;
  private final PersonalDataCipher cipher;
  private final PersonalDataHashes hashes;
  private final VerificationProperties verification;

  public DemoInbox(JdbcTemplate jdbc, PersonalDataCipher cipher, PersonalDataHashes hashes,
      VerificationProperties verification) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.hashes = hashes;
    this.verification = verification;
  }

  /** every message to one phone (normalised, 11 digits), newest first */
  public List<DemoInboxMessage> to(String normalizedPhone) {
    return jdbc.query(COLUMNS + "WHERE to_hash = ?" + NEWEST_FIRST, this::message, hashes.phone(normalizedPhone));
  }

  /** the latest {@code limit} messages to anyone, newest first */
  public List<DemoInboxMessage> latest(int limit) {
    return jdbc.query(COLUMNS + NEWEST_FIRST + " FETCH FIRST " + limit + " ROWS ONLY", this::message);
  }

  /**
   * a message that cannot be decrypted (written under another data key, or damaged) is returned without its
   * recipient and text, and logged by id only: one such row must not take the whole inbox down
   */
  private DemoInboxMessage message(ResultSet rs, int row) throws SQLException {
    String sentAt = Timestamps.instant(rs, "sent_at").atZone(verification.zone()).toOffsetDateTime()
        .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    try {
      return new DemoInboxMessage(cipher.decrypt(rs.getString("to_enc")), rs.getString("sender"),
          cipher.decrypt(rs.getString("text_enc")), sentAt, rs.getString("to_masked"));
    } catch (IllegalStateException undecryptable) {
      log.warn("SMS {} in the demo inbox cannot be decrypted with this node's data key ({}): shown without its text",
          rs.getString("id"), undecryptable.getMessage());
      return new DemoInboxMessage(null, rs.getString("sender"), null, sentAt, rs.getString("to_masked"));
    }
  }
}
