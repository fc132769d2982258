package cn.beian.verify.sms;

import cn.beian.verify.filing.FilingEventRecorded;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.sms.SmsOutboxRepository.StoredSms;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the outbox's messages to the active transport: nudged after each commit that wrote one, and polling for
 * retries and for messages a dead node had claimed. A claim is a lease, so two nodes never send one message at
 * once and a node that dies mid-send loses nothing. Failures are retried with backoff; a message that cannot be
 * handed over within its budget is marked FAILED, written into the request's trail and raised as an incident on
 * the verifier's activity.
 *
 * <p>Every database step runs in a transaction of its own: after a commit the committing thread's transaction is
 * over, and nothing here may join it.
 */
@Component
public class SmsDispatcher implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);

  private final SmsOutboxRepository outbox;
  private final SmsGateway gateway;
  private final SmsDeliveryIncidents incidents;
  private final VerifierRepository verifiers;
  private final FilingRepository filings;
  private final PersonalDataCipher cipher;
  private final SmsOutboxProperties properties;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final ApplicationEventPublisher events;
  private final String owner = "sms-" + UUID.randomUUID();
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private volatile ScheduledExecutorService worker;

  public SmsDispatcher(SmsOutboxRepository outbox, SmsGateway gateway, SmsDeliveryIncidents incidents,
      VerifierRepository verifiers, FilingRepository filings, PersonalDataCipher cipher,
      SmsOutboxProperties properties, Clock clock, PlatformTransactionManager transactions,
      ApplicationEventPublisher events) {
    this.outbox = outbox;
    this.gateway = gateway;
    this.incidents = incidents;
    this.verifiers = verifiers;
    this.filings = filings;
    this.cipher = cipher;
    this.properties = properties;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.events = events;
  }

  /** after the commit that wrote a message (never for a rolled-back one) */
  @TransactionalEventListener(fallbackExecution = true)
  public void onEnqueued(SmsOutbox.Enqueued enqueued) {
    if (properties.dispatch() == SmsOutboxProperties.Dispatch.INLINE) {
      dispatchDueQuietly();
      return;
    }
    ScheduledExecutorService w = worker;
    if (w != null && drainQueued.compareAndSet(false, true)) {
      w.execute(() -> {
        drainQueued.set(false);
        dispatchDueQuietly();
      });
    }
  }

  /**
   * Hands every due message to the transport, batch by batch.
   *
   * @return how many messages this call handled (sent, rescheduled or given up)
   */
  public int dispatchDue() {
    int handled = 0;
    while (true) {
      Instant now = clock.instant();
      List<String> due = ownTransaction.execute(tx -> outbox.due(now, properties.batchSize()));
      int claimed = 0;
      for (String id : due) {
        if (dispatch(id)) {
          claimed++;
        }
      }
      handled += claimed;
      // a short batch, or one that others claimed under our feet: nothing more for now
      if (due.size() < properties.batchSize() || claimed == 0) {
        return handled;
      }
    }
  }

  /** claims one message and hands it to the transport; @return false when it was not ours to send */
  public boolean dispatch(String id) {
    Instant now = clock.instant();
    Boolean claimed = ownTransaction.execute(tx -> outbox.claim(id, owner, now, now.plus(properties.lease())));
    if (!Boolean.TRUE.equals(claimed)) {
      return false;
    }
    StoredSms stored = ownTransaction.execute(tx -> outbox.find(id)).orElseThrow();
    OutgoingSms sms = new OutgoingSms(stored.id(), stored.verifierId(), cipher.decrypt(stored.toEnc()), stored.sender(),
        cipher.decrypt(stored.textEnc()));
    // the lines logged while handing it over name the request they belong to, like every business log line
    String outerFilingId = MDC.get(FilingEventRecorded.MDC_FILING_ID);
    putOrRemove(stored.filingId());
    try {
      List<String> carrierIds = gateway.send(sms);
      Instant accepted = clock.instant();
      ownTransaction.executeWithoutResult(tx -> outbox.markSent(id, carrierIds, accepted));
      events.publishEvent(new SmsDeliveryEvents.HandedOver(id, stored.filingId(), stored.createdAt(), accepted));
    } catch (SmsDeliveryException e) {
      failed(stored, e.getMessage(), e.throttled());
    } catch (RuntimeException e) {
      // a bug or an unexpected library failure: retried like any other, and its class is all that is stored
      LOG.error("SMS {}: transport failed unexpectedly", id, e);
      failed(stored, "unexpected " + e.getClass().getSimpleName(), false);
    } finally {
      putOrRemove(outerFilingId);
    }
    return true;
  }

  private static void putOrRemove(String filingId) {
    if (filingId == null) {
      MDC.remove(FilingEventRecorded.MDC_FILING_ID);
    } else {
      MDC.put(FilingEventRecorded.MDC_FILING_ID, filingId);
    }
  }

  private void failed(StoredSms sms, String reason, boolean throttled) {
    Instant now = clock.instant();
    int attempts = throttled ? sms.attempts() : sms.attempts() + 1;
    boolean tooOld = !now.isBefore(sms.createdAt().plus(properties.maxAge()));
    if (attempts < properties.maxAttempts() && !tooOld) {
      Instant next = now.plus(throttled ? properties.initialBackoff() : properties.backoff(attempts));
      LOG.warn("SMS {} to {} not handed over (attempt {}{}): {}; next attempt at {}", sms.id(), sms.toMasked(),
          attempts, throttled ? ", throttled" : "", reason, next);
      ownTransaction.executeWithoutResult(tx -> outbox.reschedule(sms.id(), attempts, next, reason));
      events.publishEvent(new SmsDeliveryEvents.HandOverFailed(sms.id(), sms.filingId(), throttled, false));
      return;
    }
    LOG.error("SMS {} to {} given up after {} attempts: {}", sms.id(), sms.toMasked(), attempts, reason);
    ownTransaction.executeWithoutResult(tx -> {
      if (!outbox.markFailed(sms.id(), attempts, reason)) {
        return;
      }
      events.publishEvent(new SmsDeliveryEvents.HandOverFailed(sms.id(), sms.filingId(), throttled, true));
      if (sms.filingId() != null) {
        filings.addEvent(sms.filingId(), sms.verifierId(), SmsEvents.SMS_FAILED, now, sms.toMasked());
      }
      Optional<String> execution = Optional.ofNullable(sms.verifierId()).flatMap(verifiers::find)
          .map(Verifier::executionId);
      String message = "短信验证码未能送达运营商（" + attempts + "次尝试）：" + reason;
      if (execution.isEmpty() || !incidents.raise(execution.get(), sms.id(), message)) {
        LOG.warn("SMS {}: the verification is no longer waiting, no incident raised", sms.id());
      }
    });
  }

  private void dispatchDueQuietly() {
    try {
      dispatchDue();
    } catch (RuntimeException e) {
      // the outbox keeps the messages: the next nudge or poll picks them up
      LOG.error("SMS dispatch failed; messages stay in the outbox", e);
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService w = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sms-dispatcher");
      t.setDaemon(true);
      return t;
    });
    long poll = properties.pollInterval().toMillis();
    if (poll > 0) {
      w.scheduleWithFixedDelay(this::dispatchDueQuietly, 0, poll, TimeUnit.MILLISECONDS);
    }
    worker = w;
  }

  @Override
  public void stop() {
    ScheduledExecutorService w = worker;
    worker = null;
    if (w != null) {
      w.shutdown();
      try {
        w.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }
}
