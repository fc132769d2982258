package cn.beian.verify.sms;

import static cn.beian.verify.kernel.Timestamps.ts;

import cn.beian.verify.kernel.HashDomains;
import cn.beian.verify.kernel.KeyedHasher;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PhoneNumbers;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The built-in gateway of the embedded default ({@code beian.sms.transport=builtin}): every message is kept
 * (encrypted) in {@code sms_message} for the demo inbox, and logged with the phone, the code and the short link's
 * token masked. The inbox row's id is the outbox message id, so a message handed over twice is kept once.
 */
@Component
@ConditionalOnProperty(prefix = "beian.sms", name = "transport", havingValue = "builtin", matchIfMissing = true)
public class RecordingSmsGateway implements SmsGateway {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingSmsGateway.class);

  private final JdbcTemplate jdbc;
  private final KeyedHasher hasher;
  private final PersonalDataCipher cipher;
  private final Clock clock;

  public RecordingSmsGateway(JdbcTemplate jdbc, KeyedHasher hasher, PersonalDataCipher cipher, Clock clock) {
    this.jdbc = jdbc;
    this.hasher = hasher;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public List<String> send(OutgoingSms sms) {
    if (jdbc.queryForObject("SELECT COUNT(*) FROM sms_message WHERE id = ?", Integer.class, sms.id()) > 0) {
      return List.of();
    }
    jdbc.update("INSERT INTO sms_message (id, verifier_id, to_hash, to_masked, to_enc, sender, text_enc, sent_at) "
            + "VALUES (?,?,?,?,?,?,?,?)",
        sms.id(), sms.verifierId(), hasher.hash(HashDomains.PHONE, sms.to()), PhoneNumbers.mask(sms.to()),
        cipher.encrypt(sms.to()), sms.from(), cipher.encrypt(sms.text()), ts(clock.instant()));
    LOG.info("SMS {} from {} to {}: {}", sms.id(), sms.from(), PhoneNumbers.mask(sms.to()), SmsTexts.forLog(sms.text()));
    return List.of();
  }
}
