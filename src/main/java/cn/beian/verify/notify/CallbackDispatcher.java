package cn.beian.verify.notify;

import static cn.beian.verify.kernel.Timestamps.instant;
import static cn.beian.verify.kernel.Timestamps.ts;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivers the callback outbox: claims due rows with a lease, POSTs them, marks them delivered on 2xx and otherwise
 * schedules the next attempt with exponential backoff and jitter. Safe on several nodes at once: a claim is a
 * conditional UPDATE (portable, no SKIP LOCKED), and a node that dies loses its claims when their lease expires.
 * Per request, only its oldest undelivered row is ever claimed: a later status is never sent before an earlier one
 * was acknowledged. Delivery is at least once (a node may die between the 2xx and the mark); the header
 * {@code X-Callback-Id} lets the provider drop a repeat.
 */
public class CallbackDispatcher {
  public static final String ID_HEADER = "X-Callback-Id";
  private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

  private final JdbcTemplate jdbc;
  private final CallbackProperties properties;
  private final Clock clock;
  private final HttpClient http;
  private final ApplicationEventPublisher events;

  /** @param events hears a {@link CallbackAttempted} after every attempt */
  public CallbackDispatcher(JdbcTemplate jdbc, CallbackProperties properties, Clock clock,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
    this.events = events;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** a row this node owns until {@code leaseUntil} */
  record Claimed(long id, String filingId, String providerId, String body, int attempts, String leaseOwner) {}

  /** claims the due rows and delivers them; returns how many were acknowledged */
  public int deliverDue() {
    List<Claimed> claimed = claimDue();
    List<CompletableFuture<Boolean>> sent = claimed.stream().map(this::deliver).toList();
    return (int) sent.stream().filter(CompletableFuture::join).count();
  }

  /** oldest first, only the first undelivered row of each request, and only for providers with a callback */
  List<Claimed> claimDue() {
    List<String> providers = new ArrayList<>(properties.providers().keySet());
    if (providers.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Object> args = new ArrayList<>(providers);
    args.add(ts(now));
    args.add(ts(now));
    args.add(properties.batchSize());
    List<Claimed> due = jdbc.query("SELECT o.id, o.filing_id, o.provider_id, o.body, o.attempts FROM callback_outbox o "
            + "WHERE o.delivered_at IS NULL AND o.provider_id IN (" + String.join(",", Collections.nCopies(providers.size(), "?"))
            + ") AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?) "
            + "AND NOT EXISTS (SELECT 1 FROM callback_outbox e WHERE e.filing_id = o.filing_id AND e.delivered_at IS NULL "
            + "AND e.id < o.id) ORDER BY o.id LIMIT ?",
        (rs, n) -> new Claimed(rs.getLong("id"), rs.getString("filing_id"), rs.getString("provider_id"),
            rs.getString("body"), rs.getInt("attempts"), null),
        args.toArray());
    List<Claimed> claimed = new ArrayList<>();
    for (Claimed row : due) {
      String owner = UUID.randomUUID().toString();
      // whoever changes the lease first owns the row; the others see 0 rows updated and leave it
      int won = jdbc.update("UPDATE callback_outbox SET lease_owner = ?, lease_until = ? WHERE id = ? "
              + "AND delivered_at IS NULL AND (lease_until IS NULL OR lease_until <= ?)",
          owner, ts(now.plus(properties.lease())), row.id(), ts(now));
      if (won == 1) {
        claimed.add(new Claimed(row.id(), row.filingId(), row.providerId(), row.body(), row.attempts(), owner));
      }
    }
    return claimed;
  }

  CompletableFuture<Boolean> deliver(Claimed row) {
    var provider = properties.provider(row.providerId()).orElseThrow();
    byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(provider.url())
        .timeout(properties.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header(CallbackSignature.HEADER, CallbackSignature.sign(provider.secret(), body))
        .header(ID_HEADER, Long.toString(row.id()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .handle((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
              markDelivered(row);
              return true;
            }
            failed(row, error == null ? "HTTP " + response.statusCode() : describe(error));
            return false;
          });
    } catch (RuntimeException e) {
      failed(row, describe(e));
      return CompletableFuture.completedFuture(false);
    }
  }

  private void markDelivered(Claimed row) {
    // delivered is delivered, even if this node's lease ran out meanwhile
    jdbc.update("UPDATE callback_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL, "
        + "lease_owner = NULL, lease_until = NULL WHERE id = ?", ts(clock.instant()), row.id());
    events.publishEvent(new CallbackAttempted(row.id(), row.filingId(), row.providerId(), true, row.attempts() + 1));
  }

  private void failed(Claimed row, String error) {
    int attempts = row.attempts() + 1;
    Instant next = clock.instant().plus(backoff(attempts));
    // only while this node still owns the row: another node may have retaken it after the lease
    jdbc.update("UPDATE callback_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, "
        + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
        ts(next), error, row.id(), row.leaseOwner());
    events.publishEvent(new CallbackAttempted(row.id(), row.filingId(), row.providerId(), false, attempts));
    log.warn("Callback {} of filing {} to provider {} failed (attempt {}): {}; next attempt at {}",
        row.id(), row.filingId(), row.providerId(), attempts, error, next);
  }

  /** initial × 2^(attempts-1), capped, then jittered into [½, 1] of it so that a recovering endpoint is not stampeded */
  Duration backoff(int attempts) {
    Duration max = properties.maxBackoff();
    Duration exp = properties.initialBackoff();
    for (int i = 1; i < attempts && exp.compareTo(max) < 0; i++) {
      exp = exp.multipliedBy(2);
    }
    long millis = Math.min(exp.toMillis(), max.toMillis());
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  /** the kind of failure only: exception messages may carry anything */
  private static String describe(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    String name = cause.getClass().getSimpleName();
    return name.length() > 255 ? name.substring(0, 255) : name;
  }
}
