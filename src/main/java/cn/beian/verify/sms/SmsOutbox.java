package cn.beian.verify.sms;

import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.kernel.HashDomains;
import cn.beian.verify.kernel.KeyedHasher;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.outbox.OutboxWritten;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where codes leave the product: {@link #enqueue} writes the message in the caller's transaction, and the outbox
 * ({@link SmsDispatcher}) hands it to the transport once that transaction has committed. Also the transports' memory of
 * what the carrier acknowledged and the receipts it sent back.
 */
@Service
public class SmsOutbox implements SmsSubmissionLog {
  private final SmsOutboxRepository outbox;
  private final FilingRepository filings;
  private final KeyedHasher hasher;
  private final PersonalDataCipher cipher;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public SmsOutbox(SmsOutboxRepository outbox, FilingRepository filings, KeyedHasher hasher,
      PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
    this.outbox = outbox;
    this.filings = filings;
    this.hasher = hasher;
    this.cipher = cipher;
    this.events = events;
    this.clock = clock;
  }

  /** writes the message in the current transaction: it goes out only if that transaction commits */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueue(OutgoingSms sms, String filingId) {
    outbox.insert(sms.id(), sms.verifierId(), filingId, hasher.hash(HashDomains.PHONE, sms.to()),
        PhoneNumbers.mask(sms.to()), cipher.encrypt(sms.to()), sms.from(), cipher.encrypt(sms.text()), clock.instant());
    events.publishEvent(new OutboxWritten(SmsDispatcher.TABLE.name()));
  }

  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
  public Map<Integer, String> acknowledgedParts(String messageId) {
    return outbox.parts(messageId);
  }

  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void partAcknowledged(String messageId, int partNo, int partCount, String carrierMessageId) {
    outbox.insertPart(messageId, partNo, partCount, carrierMessageId, clock.instant());
  }

  /**
   * A message counts as delivered when every part is, and as undelivered as soon as one part is not; the trail
   * gets one event per message.
   */
  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean receiptReceived(String carrierMessageId, String finalState, boolean delivered) {
    Optional<String> messageId = outbox.messageOfPart(carrierMessageId);
    if (messageId.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    outbox.recordPartReceipt(carrierMessageId, delivered ? "DELIVRD" : finalState, now);
    int[] tally = outbox.receiptTally(messageId.get());
    boolean allDelivered = tally[2] == tally[0];
    boolean oneFailed = tally[1] > tally[2];
    if (!allDelivered && !oneFailed) {
      return true;
    }
    String state = allDelivered ? "DELIVRD" : finalState;
    if (outbox.recordReceipt(messageId.get(), state, now)) {
      outbox.find(messageId.get()).ifPresent(m -> {
        if (m.filingId() != null) {
          filings.addEvent(m.filingId(), m.verifierId(), allDelivered ? SmsEvents.SMS_DELIVERED : SmsEvents.SMS_UNDELIVERED,
              now, m.toMasked());
        }
        events.publishEvent(new SmsDeliveryEvents.ReceiptRecorded(m.id(), m.filingId(), state, allDelivered,
            m.createdAt(), now));
      });
    }
    return true;
  }
}
