package cn.beian.verify.sms;

import cn.beian.verify.filing.FilingEventRecorded;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.outbox.OutboxDispatcher;
import cn.beian.verify.outbox.OutboxKind;
import cn.beian.verify.outbox.OutboxTable;
import cn.beian.verify.sms.SmsOutboxRepository.StoredSms;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The SMS outbox's kind of message: the {@code sms_outbox} table, and its hand-over to the active transport. Claims,
 * leases, delivery after the commit and backoff are the outbox's ({@link OutboxDispatcher}); a message that cannot be
 * handed over within its budget is marked FAILED, written into the request's trail and raised as an incident on the
 * verifier's activity. Carrier throttling does not count against the attempts.
 */
@Component
public class SmsDispatcher implements OutboxKind<StoredSms, List<String>> {
  static final OutboxTable TABLE = new OutboxTable("sms_outbox", "status = 'PENDING'", "status = 'SENT', sent_at = ?",
      "status = 'FAILED'", null);
  private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);

  private final SmsOutboxRepository outbox;
  private final SmsGateway gateway;
  private final SmsDeliveryIncidents incidents;
  private final VerifierRepository verifiers;
  private final FilingRepository filings;
  private final PersonalDataCipher cipher;
  private final ApplicationEventPublisher events;
  private final OutboxDispatcher<StoredSms, List<String>> dispatcher;

  public SmsDispatcher(SmsOutboxRepository outbox, JdbcTemplate jdbc, SmsGateway gateway,
      SmsDeliveryIncidents incidents, VerifierRepository verifiers, FilingRepository filings, PersonalDataCipher cipher,
      SmsOutboxProperties properties, Clock clock, PlatformTransactionManager transactions,
      ApplicationEventPublisher events) {
    this.outbox = outbox;
    this.gateway = gateway;
    this.incidents = incidents;
    this.verifiers = verifiers;
    this.filings = filings;
    this.cipher = cipher;
    this.events = events;
    this.dispatcher = new OutboxDispatcher<>(this, properties.policy(), jdbc, transactions, clock);
  }

  /** the mechanism over this kind, for the node's worker */
  public OutboxDispatcher<StoredSms, List<String>> outbox() {
    return dispatcher;
  }

  /**
   * Hands every due message to the transport on the calling thread, batch by batch.
   *
   * @return how many messages this call handled (sent, rescheduled or given up)
   */
  public int dispatchDue() {
    return dispatcher.dispatchDue(Runnable::run).claimed();
  }

  /** claims one message and hands it to the transport; @return false when it was not ours to send */
  public boolean dispatch(String id) {
    return dispatcher.dispatch(id, Runnable::run);
  }

  @Override
  public OutboxTable table() {
    return TABLE;
  }

  @Override
  public StoredSms message(ResultSet row) throws SQLException {
    return SmsOutboxRepository.map(row);
  }

  /** the lines logged while handing it over name the request they belong to, like every business log line */
  @Override
  public CompletionStage<List<String>> send(Claimed<StoredSms> claimed) {
    StoredSms stored = claimed.message();
    OutgoingSms sms = new OutgoingSms(stored.id(), stored.verifierId(), cipher.decrypt(stored.toEnc()), stored.sender(),
        cipher.decrypt(stored.textEnc()));
    return withFiling(stored.filingId(), () -> {
      try {
        return CompletableFuture.completedFuture(gateway.send(sms));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    });
  }

  @Override
  public Failure failure(Claimed<StoredSms> claimed, Throwable error) {
    if (error instanceof SmsDeliveryException e) {
      return new Failure(e.getMessage(), !e.throttled());
    }
    // a bug or an unexpected library failure: retried like any other, and its class is all that is stored
    withFiling(claimed.message().filingId(),
        () -> LOG.error("SMS {}: transport failed unexpectedly", claimed.message().id(), error));
    return new Failure("unexpected " + error.getClass().getSimpleName(), true);
  }

  @Override
  public void recordSent(Claimed<StoredSms> claimed, List<String> carrierIds, Instant at) {
    // a transport without carrier ids gives no receipts either: its messages have no delivery state to wait for
    if (!carrierIds.isEmpty()) {
      outbox.recordSubmitted(claimed.message().id(), carrierIds, at);
    }
  }

  @Override
  public void sent(Claimed<StoredSms> claimed, List<String> carrierIds, Instant at) {
    StoredSms sms = claimed.message();
    events.publishEvent(new SmsDeliveryEvents.HandedOver(sms.id(), sms.filingId(), sms.createdAt(), at));
  }

  @Override
  public void retrying(Claimed<StoredSms> claimed, Failure failure, int attempts, Instant next) {
    StoredSms sms = claimed.message();
    withFiling(sms.filingId(), () -> LOG.warn("SMS {} to {} not handed over (attempt {}{}): {}; next attempt at {}",
        sms.id(), sms.toMasked(), attempts, failure.counts() ? "" : ", throttled", failure.reason(), next));
    events.publishEvent(new SmsDeliveryEvents.HandOverFailed(sms.id(), sms.filingId(), !failure.counts(), false));
  }

  @Override
  public void gaveUp(Claimed<StoredSms> claimed, Failure failure, int attempts, Instant at) {
    StoredSms sms = claimed.message();
    withFiling(sms.filingId(), () -> LOG.error("SMS {} to {} given up after {} attempts: {}", sms.id(), sms.toMasked(),
        attempts, failure.reason()));
    events.publishEvent(new SmsDeliveryEvents.HandOverFailed(sms.id(), sms.filingId(), !failure.counts(), true));
    if (sms.filingId() != null) {
      filings.addEvent(sms.filingId(), sms.verifierId(), SmsEvents.SMS_FAILED, at, sms.toMasked());
    }
    Optional<String> execution = Optional.ofNullable(sms.verifierId()).flatMap(verifiers::find)
        .map(Verifier::executionId);
    if (execution.isEmpty() || !incidents.raise(execution.get(), sms.id(), attempts, failure.reason())) {
      LOG.warn("SMS {}: the verification is no longer waiting, no incident raised", sms.id());
    }
  }

  private static <T> T withFiling(String filingId, Supplier<T> work) {
    String outer = MDC.get(FilingEventRecorded.MDC_FILING_ID);
    put(filingId);
    try {
      return work.get();
    } finally {
      put(outer);
    }
  }

  private static void withFiling(String filingId, Runnable work) {
    withFiling(filingId, () -> {
      work.run();
      return null;
    });
  }

  private static void put(String filingId) {
    if (filingId == null) {
      MDC.remove(FilingEventRecorded.MDC_FILING_ID);
    } else {
      MDC.put(FilingEventRecorded.MDC_FILING_ID, filingId);
    }
  }
}
