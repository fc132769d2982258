package cn.beian.verify.sms;

import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.kernel.HashDomains;
import cn.beian.verify.kernel.KeyedHasher;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.outbox.OutboxWritten;
import cn.beian.verify.sms.SmsOutboxRepository.PartOwner;
import cn.beian.verify.sms.SmsOutboxRepository.StoredSms;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import cn.beian.verify.verification.VerifierStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where codes leave the product: {@link #enqueue} writes the message in the caller's transaction, and the outbox
 * ({@link SmsDispatcher}) hands it to the transport once that transaction has committed. Also the transports' memory of
 * what the carrier acknowledged and of the receipts it sent back, and what follows from them (docs/rules.md §7,
 * "When a code is undeliverable"): the request's trail, an incident for the desk, and one re-route of the very same
 * message through the unified sender 12381.
 */
@Service
public class SmsOutbox implements SmsSubmissionLog {
  private static final Logger LOG = LoggerFactory.getLogger(SmsOutbox.class);

  private final SmsOutboxRepository outbox;
  private final FilingRepository filings;
  private final VerifierRepository verifiers;
  private final SmsDeliveryIncidents incidents;
  private final SenderNumbers senders;
  private final KeyedHasher hasher;
  private final PersonalDataCipher cipher;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  public SmsOutbox(SmsOutboxRepository outbox, FilingRepository filings, VerifierRepository verifiers,
      SmsDeliveryIncidents incidents, SenderNumbers senders, KeyedHasher hasher, PersonalDataCipher cipher,
      ApplicationEventPublisher events, Clock clock) {
    this.outbox = outbox;
    this.filings = filings;
    this.verifiers = verifiers;
    this.incidents = incidents;
    this.senders = senders;
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

  /** whether a code to this verifier was undeliverable before: the next ones go through the unified sender */
  @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
  public boolean hadUndeliverable(String verifierId) {
    return verifierId != null && outbox.hadUndeliverable(verifierId);
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
   * A message counts as delivered when every part is, and as undeliverable as soon as one part is not; the trail gets
   * one event per message. The message's row lock orders the receipts of its parts, whichever nodes they reach.
   */
  @Override
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public ReceiptOutcome receiptReceived(CarrierReceipt receipt) {
    List<PartOwner> owners = outbox.ownersOfPart(receipt.carrierMessageId());
    if (owners.isEmpty()) {
      return ReceiptOutcome.UNKNOWN;
    }
    String recipientHash = receipt.recipient() == null ? null : hasher.hash(HashDomains.PHONE, receipt.recipient());
    Optional<PartOwner> owner = owners.stream()
        .filter(o -> recipientHash == null || recipientHash.equals(o.toHash())).findFirst();
    if (owner.isEmpty()) {
      LOG.warn("SMS delivery receipt for carrier id {} names another recipient than its message; ignored",
          receipt.carrierMessageId());
      return ReceiptOutcome.MISMATCH;
    }
    String messageId = owner.get().messageId();
    outbox.lock(messageId);
    Instant now = clock.instant();
    if (!outbox.recordPartReceipt(messageId, receipt.carrierMessageId(), receipt.state(), receipt.error(), now)) {
      return ReceiptOutcome.DUPLICATE;
    }
    int[] tally = outbox.receiptTally(messageId);
    boolean allDelivered = tally[2] == tally[0];
    boolean oneFailed = tally[1] > tally[2];
    if (allDelivered) {
      settle(messageId, DeliveryState.DELIVERED, CarrierReceipt.DELIVERED, null, now);
    } else if (oneFailed) {
      String[] failed = outbox.firstFailedPart(messageId).orElse(new String[] {receipt.state(), receipt.error()});
      settle(messageId, DeliveryState.UNDELIVERABLE, failed[0], failed[1], now);
    }
    return ReceiptOutcome.RECORDED;
  }

  /**
   * Marks as NO_RECEIPT every message the carrier accepted at or before {@code cutoff} without a final receipt since.
   * Every node may run it at once: each message is marked (and its trail written) by exactly one of them.
   *
   * @return how many this call marked
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public int markNoReceipt(Instant cutoff, int limit) {
    int marked = 0;
    Instant now = clock.instant();
    for (String id : outbox.waitingForReceiptSince(cutoff, limit)) {
      if (outbox.markNoReceipt(id, cutoff, now)) {
        marked++;
        outbox.find(id).ifPresent(m -> {
          trail(m, SmsEvents.SMS_NO_RECEIPT, now, m.toMasked());
          events.publishEvent(new SmsDeliveryEvents.ReceiptRecorded(m.id(), m.filingId(), null, false,
              m.createdAt(), now, DeliveryState.NO_RECEIPT));
        });
      }
    }
    return marked;
  }

  private void settle(String messageId, DeliveryState state, String carrierState, String error, Instant now) {
    if (!outbox.settle(messageId, state, carrierState, error, now)) {
      return;
    }
    StoredSms m = outbox.find(messageId).orElseThrow();
    Optional<Verifier> verifier = Optional.ofNullable(m.verifierId()).flatMap(verifiers::find);
    if (state == DeliveryState.DELIVERED) {
      trail(m, SmsEvents.SMS_DELIVERED, now, m.toMasked());
      verifier.map(Verifier::executionId).ifPresent(incidents::resolveUndeliverable);
    } else {
      trail(m, SmsEvents.SMS_UNDELIVERABLE, now, error == null ? carrierState : carrierState + "/" + error);
      boolean rerouted = reroute(m, verifier, now);
      if (verifier.isEmpty() || verifier.get().status() != VerifierStatus.PENDING
          || !incidents.raiseUndeliverable(verifier.get().executionId(), m.id(), carrierState, error, rerouted)) {
        LOG.info("SMS {} undeliverable ({}); the verification is no longer waiting, no incident raised", m.id(),
            carrierState);
      }
    }
    events.publishEvent(new SmsDeliveryEvents.ReceiptRecorded(m.id(), m.filingId(), carrierState,
        state == DeliveryState.DELIVERED, m.createdAt(), now, state));
  }

  /**
   * The same message once more through the unified sender: the person never got the code, so it is no resend (no new
   * code, no resend counted); only while the verifier is still pending and this is still its newest message (a
   * resend's new code killed this one's), and never for a message that already went out through 12381.
   */
  private boolean reroute(StoredSms m, Optional<Verifier> verifier, Instant now) {
    if (verifier.isEmpty() || verifier.get().status() != VerifierStatus.PENDING
        || senders.unified().equals(m.sender()) || m.reroutedFrom() != null || outbox.hasLaterMessage(m)) {
      return false;
    }
    outbox.insertReroute(UUID.randomUUID().toString(), m, senders.unified(), now);
    trail(m, SmsEvents.SMS_REROUTED, now, senders.unified());
    events.publishEvent(new OutboxWritten(SmsDispatcher.TABLE.name()));
    return true;
  }

  private void trail(StoredSms m, String event, Instant at, String detail) {
    if (m.filingId() != null) {
      filings.addEvent(m.filingId(), m.verifierId(), event, at, detail);
    }
  }
}
