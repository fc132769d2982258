package cn.beian.verify.ops.metrics;

import cn.beian.verify.notify.CallbackAttempted;
import cn.beian.verify.notify.CallbackProperties;
import cn.beian.verify.sms.DeliveryState;
import cn.beian.verify.sms.SmsDeliveryEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/**
 * What leaves the product after a commit: SMS handed to the carrier and their delivery receipts, and callbacks to the
 * access providers; heard, once committed, from the events the SMS dispatcher, the outbox and the callback dispatcher
 * publish. Tags are codes and the provider's id (an organisation), never a phone, a text or a request. The series an
 * alert watches exist at zero from the start (a rate of a series that does not exist yet is no rate at all).
 */
@Component
class DeliveryMetrics {
  private final MeterRegistry registry;
  private final Timer accepted;

  private static final String HANDOVER_FAILURES = "beian.sms.handover.failures";
  private static final String DELIVERIES = "beian.sms.delivery";
  private static final String DELIVERED = "beian.callbacks.delivered";
  private static final String FAILED = "beian.callbacks.failed";

  DeliveryMetrics(MeterRegistry registry, CallbackProperties callbacks) {
    this.registry = registry;
    this.accepted = Timer.builder("beian.sms.accepted")
        .description("From the code's transaction to the carrier's acceptance of every part of its SMS")
        .serviceLevelObjectives(millis(100), millis(250), millis(500), seconds(1), seconds(2), seconds(5), seconds(10),
            seconds(30), seconds(60), seconds(300), seconds(900), seconds(3600))
        .register(registry);
    for (String outcome : new String[] {"retry", "throttled", "given_up"}) {
      handOverFailures(outcome);
    }
    receipts("DELIVRD");
    for (DeliveryState outcome : DeliveryState.values()) {
      if (outcome != DeliveryState.SUBMITTED) {
        deliveries(outcome);
      }
    }
    for (String provider : callbacks.providers().keySet()) {
      callbacks(true, provider);
      callbacks(false, provider);
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  public void onHandedOver(SmsDeliveryEvents.HandedOver event) {
    accepted.record(between(event.enqueuedAt(), event.acceptedAt()));
  }

  @TransactionalEventListener(fallbackExecution = true)
  public void onHandOverFailed(SmsDeliveryEvents.HandOverFailed event) {
    handOverFailures(event.givenUp() ? "given_up" : event.throttled() ? "throttled" : "retry").increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  public void onReceipt(SmsDeliveryEvents.ReceiptRecorded event) {
    if (event.outcome() != DeliveryState.NO_RECEIPT) {
      receipts(event.state() == null ? "UNKNOWN" : event.state()).record(between(event.enqueuedAt(), event.receivedAt()));
    }
    deliveries(event.outcome()).increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  public void onCallback(CallbackAttempted event) {
    callbacks(event.delivered(), event.providerId()).increment();
  }

  private Counter handOverFailures(String outcome) {
    return Counter.builder(HANDOVER_FAILURES)
        .description("SMS hand-overs that failed: retried later, throttled by the carrier, or given up for good")
        .tag("outcome", outcome).register(registry);
  }

  /** @param state the receipt's final state as the carrier names it (DELIVRD, UNDELIV, EXPIRED, REJECTD, ...) */
  private Timer receipts(String state) {
    return Timer.builder("beian.sms.receipt")
        .description("From the code's transaction to the carrier's final delivery receipt, by receipt state")
        .tag("state", state)
        .serviceLevelObjectives(seconds(1), seconds(5), seconds(10), seconds(30), seconds(60), seconds(120),
            seconds(300), seconds(600), seconds(1800), seconds(3600), seconds(4 * 3600), seconds(24 * 3600))
        .register(registry);
  }

  /** @param outcome what became of a message: DELIVERED, UNDELIVERABLE or NO_RECEIPT (none in time) */
  private Counter deliveries(DeliveryState outcome) {
    return Counter.builder(DELIVERIES)
        .description("SMS whose delivery settled, by outcome: delivered, undeliverable, or no receipt in time")
        .tag("outcome", outcome.name()).register(registry);
  }

  private Counter callbacks(boolean delivered, String provider) {
    return Counter.builder(delivered ? DELIVERED : FAILED)
        .description(delivered ? "Callbacks acknowledged by the provider with a 2xx"
            : "Callback attempts that failed (no answer, or not a 2xx) and will be retried")
        .tag("provider", provider).register(registry);
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null || to.isBefore(from) ? Duration.ZERO : Duration.between(from, to);
  }

  private static Duration millis(long n) {
    return Duration.ofMillis(n);
  }

  private static Duration seconds(long n) {
    return Duration.ofSeconds(n);
  }
}
