package cn.beian.verify.notify;

import cn.beian.verify.kernel.Timestamps;
import cn.beian.verify.filing.FilingStatusListener;
import cn.beian.verify.outbox.OutboxWritten;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes each status change of a provider's request (and each per-person event, {@link #personEvent}) that the
 * provider chose ({@code beian.callbacks.providers.*.events}) to the callback outbox, in the transaction of the change: a
 * change that rolls back leaves no callback, a change that commits cannot lose its callback (the outbox delivers it
 * after the commit). Only providers with a configured callback get rows (the outbox is a delivery queue; the request's
 * trail is {@code filing_event}). The body is built and stored now, so every attempt sends (and signs) the same bytes.
 */
public class CallbackOutbox implements FilingStatusListener {
  private final JdbcTemplate jdbc;
  private final CallbackProperties properties;
  private final ZoneId zone;
  private final ApplicationEventPublisher events;

  /**
   * @param zone the zone of {@code at} in the body (Asia/Shanghai: +08:00)
   * @param events hears that a row was written, and wakes the outbox once the row is visible to it
   */
  public CallbackOutbox(JdbcTemplate jdbc, CallbackProperties properties, ZoneId zone, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.zone = zone;
    this.events = events;
  }

  @Override
  public void statusChanged(StatusChange change) {
    if (wants(change.providerId(), ProviderEvents.STATUS_CHANGED)) {
      write(change.filingId(), change.providerId(), CallbackEvent.of(change, zone).toJson(), change.at());
    }
  }

  /**
   * a per-person event ({@code verifier.*}), for a provider that chose it; it goes through the same outbox as the
   * status changes, so it is signed, retried and ordered with them (per request, one after the other)
   */
  public void personEvent(ProviderEvent event) {
    if (event.perPerson() && wants(event.providerId(), event.event())) {
      write(event.filingId(), event.providerId(), new CallbackEvent.VerifierCallback(event.event(), event.filingId(),
          event.requestNo(), event.verifier(), CallbackEvent.at(event.at(), zone)).toJson(), event.at());
    }
  }

  private boolean wants(String providerId, String event) {
    return properties.provider(providerId).filter(provider -> provider.wants(event)).isPresent();
  }

  private void write(String filingId, String providerId, String body, Instant at) {
    jdbc.update("INSERT INTO callback_outbox (filing_id, provider_id, body, created_at, attempts, next_attempt_at) "
            + "VALUES (?,?,?,?,0,?)",
        filingId, providerId, body, Timestamps.ts(at), Timestamps.ts(at));
    events.publishEvent(new OutboxWritten(CallbackDispatcher.TABLE.name()));
  }
}
