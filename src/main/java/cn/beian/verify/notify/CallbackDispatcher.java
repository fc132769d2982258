package cn.beian.verify.notify;

import cn.beian.verify.outbox.OutboxDispatcher;
import cn.beian.verify.outbox.OutboxKind;
import cn.beian.verify.outbox.OutboxPolicy;
import cn.beian.verify.outbox.OutboxTable;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The callback outbox's kind of message: the {@code callback_outbox} table, POSTed to the provider's endpoint and
 * acknowledged by a 2xx. Claims, leases, delivery after the commit and backoff are the outbox's
 * ({@link OutboxDispatcher}); a callback is retried until acknowledged, never given up. Per request, only its oldest
 * unacknowledged row is ever claimed: a later status is never sent before an earlier one was acknowledged. Delivery is
 * at least once (a node may die between the 2xx and the record of it); the header {@code X-Callback-Id} lets the
 * provider drop a repeat.
 */
public class CallbackDispatcher implements OutboxKind<CallbackDispatcher.Callback, Integer> {
  public static final String ID_HEADER = "X-Callback-Id";
  static final OutboxTable TABLE = new OutboxTable("callback_outbox", "delivered_at IS NULL",
      "delivered_at = ?, attempts = attempts + 1, last_error = NULL", null, "filing_id");
  private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

  private final CallbackProperties properties;
  private final HttpClient http;
  private final ApplicationEventPublisher events;
  private final OutboxDispatcher<Callback, Integer> dispatcher;

  /** a status change as stored: the exact bytes every attempt sends and signs */
  record Callback(String filingId, String providerId, String body) {}

  /** @param events hears a {@link CallbackAttempted} after every attempt */
  public CallbackDispatcher(JdbcTemplate jdbc, PlatformTransactionManager transactions, CallbackProperties properties,
      Clock clock, ApplicationEventPublisher events) {
    this.properties = properties;
    this.events = events;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    // the HTTP client is asynchronous itself: no sender threads of the outbox's own
    this.dispatcher = new OutboxDispatcher<>(this, new OutboxPolicy(properties.pollInterval(), properties.batchSize(), 0,
        properties.lease(), properties.initialBackoff(), properties.maxBackoff(), 0, null, false), jdbc, transactions,
        clock);
  }

  /** the mechanism over this kind, for the node's worker */
  OutboxDispatcher<Callback, Integer> outbox() {
    return dispatcher;
  }

  /** claims the due rows and delivers them; returns how many were acknowledged */
  public int deliverDue() {
    return dispatcher.dispatchDue(Runnable::run).delivered();
  }

  /** oldest first, only the first unacknowledged row of each request, and only for providers with a callback */
  List<Claimed<Callback>> claimDue() {
    return dispatcher.claimDue();
  }

  /** initial × 2^(attempts-1), capped, jittered into [½, 1] of it so that a recovering endpoint is not stampeded */
  Duration backoff(int attempts) {
    return dispatcher.policy().backoff(attempts);
  }

  @Override
  public OutboxTable table() {
    return TABLE;
  }

  @Override
  public boolean active() {
    return !properties.providers().isEmpty();
  }

  @Override
  public Condition due() {
    List<String> providers = new ArrayList<>(properties.providers().keySet());
    return new Condition("provider_id IN (" + String.join(",", Collections.nCopies(providers.size(), "?")) + ")",
        List.copyOf(providers));
  }

  @Override
  public Callback message(ResultSet row) throws SQLException {
    return new Callback(row.getString("filing_id"), row.getString("provider_id"), row.getString("body"));
  }

  @Override
  public CompletionStage<Integer> send(Claimed<Callback> claimed) {
    var provider = properties.provider(claimed.message().providerId()).orElseThrow();
    byte[] body = claimed.message().body().getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(provider.url())
        .timeout(properties.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header(CallbackSignature.HEADER, CallbackSignature.sign(provider.secret(), body))
        .header(ID_HEADER, claimed.id().toString())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
      if (response.statusCode() / 100 != 2) {
        throw new NotAcknowledged(response.statusCode());
      }
      return response.statusCode();
    });
  }

  /** the kind of failure only: exception messages may carry anything */
  @Override
  public Failure failure(Claimed<Callback> claimed, Throwable error) {
    return new Failure(error instanceof NotAcknowledged refused ? "HTTP " + refused.status
        : error.getClass().getSimpleName(), true);
  }

  @Override
  public void sent(Claimed<Callback> claimed, Integer status, Instant at) {
    events.publishEvent(new CallbackAttempted(id(claimed), claimed.message().filingId(),
        claimed.message().providerId(), true, claimed.attempts() + 1));
  }

  @Override
  public void retrying(Claimed<Callback> claimed, Failure failure, int attempts, Instant next) {
    Callback callback = claimed.message();
    events.publishEvent(new CallbackAttempted(id(claimed), callback.filingId(), callback.providerId(), false, attempts));
    log.warn("Callback {} of filing {} to provider {} failed (attempt {}): {}; next attempt at {}",
        claimed.id(), callback.filingId(), callback.providerId(), attempts, failure.reason(), next);
  }

  private static long id(Claimed<Callback> claimed) {
    return ((Number) claimed.id()).longValue();
  }

  /** the provider answered, but not with a 2xx */
  private static final class NotAcknowledged extends RuntimeException {
    private final int status;

    NotAcknowledged(int status) {
      super("HTTP " + status, null, false, false);
      this.status = status;
    }
  }
}
