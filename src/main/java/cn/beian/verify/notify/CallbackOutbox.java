package cn.beian.verify.notify;

import cn.beian.verify.kernel.Timestamps;
import cn.beian.verify.filing.FilingStatusListener;
import cn.beian.verify.outbox.OutboxWritten;
import java.time.ZoneId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes each status change of a provider's request to the callback outbox, in the transaction of the change: a
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
    if (properties.provider(change.providerId()).isEmpty()) {
      return;
    }
    String body = CallbackEvent.of(change, zone).toJson();
    jdbc.update("INSERT INTO callback_outbox (filing_id, provider_id, body, created_at, attempts, next_attempt_at) "
            + "VALUES (?,?,?,?,0,?)",
        change.filingId(), change.providerId(), body, Timestamps.ts(change.at()), Timestamps.ts(change.at()));
    events.publishEvent(new OutboxWritten(CallbackDispatcher.TABLE.name()));
  }
}
