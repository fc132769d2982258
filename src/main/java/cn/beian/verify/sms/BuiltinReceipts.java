package cn.beian.verify.sms;

import static cn.beian.verify.kernel.Timestamps.ts;

import cn.beian.verify.kernel.HashDomains;
import cn.beian.verify.kernel.KeyedHasher;
import cn.beian.verify.kernel.PhoneNumbers;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The built-in gateway's carrier: {@code beian.sms.builtin.receipt-delay} after the hand-over, each message's receipt
 * comes back through the same path as an SMSC's ({@link SmsSubmissionLog#receiptReceived}): delivered, or for the demo
 * phones listed in {@code beian.sms.builtin.undeliverable-numbers} undeliverable (UNDELIV, err 001). Exists only with
 * the built-in transport and never in the prod profile: no switch makes a real citizen's code "undeliverable".
 */
@Component
@Profile("!prod")
@ConditionalOnProperty(prefix = "beian.sms", name = "transport", havingValue = "builtin", matchIfMissing = true)
public class BuiltinReceipts {
  static final String PREFIX = "builtin-";
  static final String UNDELIVERABLE_ERROR = "001";

  private final JdbcTemplate jdbc;
  private final SmsSubmissionLog log;
  private final BuiltinSmsProperties properties;
  private final Set<String> undeliverable;
  private final Clock clock;

  public BuiltinReceipts(JdbcTemplate jdbc, SmsSubmissionLog log, BuiltinSmsProperties properties, KeyedHasher hasher,
      Clock clock) {
    this.jdbc = jdbc;
    this.log = log;
    this.properties = properties;
    this.clock = clock;
    this.undeliverable = properties.undeliverableNumbers().stream()
        .map(n -> PhoneNumbers.normalize(n).orElseThrow(() -> new IllegalArgumentException(
            "beian.sms.builtin.undeliverable-numbers: not a mainland mobile number: " + PhoneNumbers.mask(n))))
        .map(n -> hasher.hash(HashDomains.PHONE, n)).collect(Collectors.toUnmodifiableSet());
  }

  /** @return how many receipts this call delivered (another node may have delivered some of them first) */
  public int deliverDue() {
    int recorded = 0;
    for (var due : jdbc.queryForList("SELECT p.carrier_message_id, o.to_hash FROM sms_outbox_part p "
        + "JOIN sms_outbox o ON o.id = p.outbox_id WHERE p.receipt IS NULL AND p.carrier_message_id LIKE ? "
        + "AND p.submitted_at <= ? ORDER BY p.submitted_at LIMIT 500", PREFIX + "%",
        ts(clock.instant().minus(properties.receiptDelay())))) {
      boolean fails = undeliverable.contains((String) due.get("to_hash"));
      CarrierReceipt receipt = new CarrierReceipt((String) due.get("carrier_message_id"), fails ? "UNDELIV" : "DELIVRD",
          fails ? UNDELIVERABLE_ERROR : null, null);
      if (log.receiptReceived(receipt) == SmsSubmissionLog.ReceiptOutcome.RECORDED) {
        recorded++;
      }
    }
    return recorded;
  }

  @Configuration(proxyBeanMethods = false)
  @Profile("!prod")
  @ConditionalOnProperty(prefix = "beian.sms", name = "transport", havingValue = "builtin", matchIfMissing = true)
  static class Schedule {
    @Bean
    PeriodicStep builtinReceiptStep(BuiltinReceipts receipts, BuiltinSmsProperties properties) {
      return new PeriodicStep("sms-builtin-receipts", properties.receiptInterval(), receipts::deliverDue);
    }
  }
}
