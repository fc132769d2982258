package cn.beian.verify.ops.metrics;

import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingEventRecorded;
import cn.beian.verify.filing.FilingStatusListener;
import cn.beian.verify.kernel.Timestamps;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.ResendOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What citizens, bureaus and providers experience, counted from what the product already records: its trail (every
 * {@link FilingEventRecorded}), the status changes of requests ({@link FilingStatusListener}) and the outcomes of the
 * verification service (see {@link ServiceOutcomeObservation}). Counted once committed, never for a rolled-back
 * change. Tags are codes only (type, province, result, reason): never a phone, a name, an id or a request number.
 */
@Component
class BusinessMetrics implements FilingStatusListener {
  private static final String NONE = "none";

  private final MeterRegistry registry;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  BusinessMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
    this.registry = registry;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** the coordinates a request is counted by */
  private record Keys(String type, String province, Instant submittedAt) {}

  @TransactionalEventListener(fallbackExecution = true)
  public void onTrail(FilingEventRecorded recorded) {
    counter("beian.trail.events", "Entries written to the requests' trails, by event", "event", recorded.event())
        .increment();
    switch (recorded.event()) {
      case FilingEvent.SUBMITTED -> keys(recorded.filingId()).ifPresent(k -> counter("beian.filings.submitted",
          "Requests submitted", "type", k.type(), "province", k.province()).increment());
      case FilingEvent.SMS_SENT -> codeIssued("FIRST");
      case FilingEvent.SMS_RESENT -> codeIssued("AUTO".equals(recorded.detail()) ? "AUTO_RESEND" : "MANUAL_RESEND");
      default -> { }
    }
  }

  private void codeIssued(String reason) {
    counter("beian.sms.codes", "Codes issued: first sends, automatic and manual resends", "reason", reason).increment();
  }

  /** a closed request, counted when the change commits (this is called inside its transaction) */
  @Override
  public void statusChanged(StatusChange change) {
    if (change.status().isOpen()) {
      return;
    }
    Optional<Keys> keys = keys(change.filingId());
    String reason = change.returnReason() == null ? NONE : change.returnReason().name();
    afterCommit(() -> keys.ifPresent(k -> counter("beian.filings.closed",
        "Requests closed, by outcome (APPROVED, REJECTED, RETURNED, WITHDRAWN) and return reason", "type", k.type(),
        "province", k.province(), "outcome", change.status().name(), "reason", reason).increment()));
  }

  /** @param channel public (the verification page and API) or tasklist (the verification desk's form) */
  void checked(String channel, CheckOutcome outcome) {
    counter("beian.verification.checks", "Code checks, by channel and result (docs/rules.md §5)", "channel", channel,
        "result", outcome.result().name()).increment();
    if (outcome.result() == CheckResult.VERIFIED_COMPLETE && outcome.verifier() != null) {
      keys(outcome.verifier().filingId()).ifPresent(k -> Timer.builder("beian.verification.completion")
          .description("From a request's submission to its last required verification")
          .tags("type", k.type(), "province", k.province())
          .serviceLevelObjectives(minutes(1), minutes(5), minutes(15), minutes(30), Duration.ofHours(1),
              Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12), Duration.ofHours(18),
              Duration.ofHours(24), Duration.ofHours(48))
          .register(registry).record(Duration.between(k.submittedAt(), clock.instant())));
    }
  }

  void checkFailed(String channel) {
    counter("beian.verification.checks", "Code checks, by channel and result (docs/rules.md §5)", "channel", channel,
        "result", "ERROR").increment();
  }

  void resendRequested(ResendOutcome outcome) {
    counter("beian.verification.resend.requests", "Manual resend requests, by result (docs/rules.md §6)", "result",
        outcome.result().name()).increment();
  }

  void captcha(boolean accepted) {
    counter("beian.captcha.tokens", "captchaTokens presented to the public endpoints, accepted or refused", "result",
        accepted ? "accepted" : "refused").increment();
  }

  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private Optional<Keys> keys(String filingId) {
    return jdbc.query("SELECT type, province, submitted_at FROM filing WHERE id = ?",
        (rs, n) -> new Keys(rs.getString("type"), rs.getString("province"),
            Timestamps.instant(rs, "submitted_at")), filingId).stream().findFirst();
  }

  private static void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }

  private static Duration minutes(long n) {
    return Duration.ofMinutes(n);
  }
}
