package cn.beian.verify.notify;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingStatusListener.StatusChange;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.ProcessScenarioSupport;
import cn.beian.verify.verification.CheckResult;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Callbacks against a real HTTP server that refuses the first attempts of every event. The provider of the scenario
 * helpers has a callback to {@code /live}, delivered by the application's own dispatcher thread (the real wiring,
 * end to end); {@code provider-restart} is known only to dispatchers built by hand on the same database, on a
 * clock the test moves, to show what happens across restarts and dead nodes without waiting for time to pass.
 * Its own Spring context (the server's port is only known at run time), closed after the class.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CallbackDeliveryTest extends ProcessScenarioSupport {
  private static final String SECRET = "test-callback-secret";
  private static final String RESTART_PROVIDER = "provider-restart";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ProviderEndpoint ENDPOINT = ProviderEndpoint.start(Map.of("/live", 2, "/restart", 1));

  @Autowired PlatformTransactionManager transactions;

  @DynamicPropertySource
  static void callbackTo(DynamicPropertyRegistry registry) {
    registry.add("beian.callbacks.providers." + PROVIDER + ".url", () -> ENDPOINT.url("/live"));
    registry.add("beian.callbacks.providers." + PROVIDER + ".secret", () -> SECRET);
    registry.add("beian.callbacks.initial-backoff", () -> "PT0.02S");
    registry.add("beian.callbacks.max-backoff", () -> "PT0.1S");
    registry.add("beian.callbacks.poll-interval", () -> "PT0.05S");
    registry.add("beian.callbacks.timeout", () -> "PT5S");
    registry.add("beian.callbacks.lease", () -> "PT30S");
  }

  @AfterAll
  static void stopEndpoint() {
    ENDPOINT.server.stop(0);
  }

  @Test
  void shouldDeliverEveryStatusChangeInOrderRetryingUntilAcknowledged() {
    // given a request submitted by a provider with a callback
    Person zhang = person("张三");
    FilingSubmission submission = TestData.newFiling("CN-GS", zhang, zhang);
    String filingId = submitAndSend(submission);

    // when it is verified and approved
    assertThat(verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang)).result())
        .isEqualTo(CheckResult.VERIFIED_COMPLETE);
    runJobs(filingId);
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "材料齐全"));
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.APPROVED);

    // then each status reached the provider, the first two attempts of each refused, none before the previous one
    // was acknowledged
    List<Received> attempts = ENDPOINT.awaitAcknowledged("/live", filingId, 3);
    assertThat(attempts).extracting(r -> r.field("status"), Received::answer).containsExactly(
        tuple("VERIFYING", 500), tuple("VERIFYING", 500), tuple("VERIFYING", 200),
        tuple("UNDER_REVIEW", 500), tuple("UNDER_REVIEW", 500), tuple("UNDER_REVIEW", 200),
        tuple("APPROVED", 500), tuple("APPROVED", 500), tuple("APPROVED", 200));
    // and every attempt carries exactly the contract's fields, signed over its exact bytes with the provider's secret
    for (Received r : attempts) {
      assertThat(r.json().keySet()).containsExactly("event", "filingId", "requestNo", "status", "returnReason", "at");
      assertThat(r.field("event")).isEqualTo("filing.status_changed");
      assertThat(r.field("filingId")).isEqualTo(filingId);
      assertThat(r.field("requestNo")).isEqualTo(submission.requestNo());
      assertThat(r.json().get("returnReason")).isNull();
      assertThat(OffsetDateTime.parse(r.field("at")).getOffset()).isEqualTo(ZoneOffset.ofHours(8));
      assertThat(r.signature()).isEqualTo("sha256=" + hmacSha256Hex(SECRET, r.body()));
      assertThat(r.contentType()).startsWith("application/json");
    }
    // and a repeated attempt is recognisable as the same callback
    assertThat(attempts.get(0).callbackId()).isEqualTo(attempts.get(2).callbackId())
        .isNotEqualTo(attempts.get(3).callbackId());
  }

  @Test
  void shouldTellTheReturnReasonWhenTheRequestIsReturned() {
    // given a request whose only verifier is in verification
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, zhang));
    String code = latestCode(zhang.phone());

    // when five wrong codes are entered
    String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    for (int i = 0; i < 5; i++) {
      verificationService.check(zhang.phone(), wrong, last6(zhang));
    }
    runJobs(filingId);

    // then the provider learns that it was returned, and why
    List<Received> acknowledged = ENDPOINT.awaitAcknowledged("/live", filingId, 2).stream()
        .filter(r -> r.answer() == 200).toList();
    assertThat(acknowledged).extracting(r -> r.field("status"), r -> r.json().get("returnReason"))
        .containsExactly(tuple("VERIFYING", null), tuple("RETURNED", "VERIFICATION_FAILED"));
  }

  @Test
  void shouldNeverDeliverAStatusChangeWhoseTransactionRolledBack() {
    // given a submission whose transaction rolls back
    AtomicReference<String> rolledBack = new AtomicReference<>();
    new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      rolledBack.set(filingService.submit(PROVIDER, TestData.newFiling("CN-GS", person("张三"), person("李四")))
          .filing().id());
      tx.setRollbackOnly();
    });

    // when a later request is submitted and its callback delivered
    String committed = submit(TestData.newFiling("CN-GS", person("王五"), person("赵六")));
    ENDPOINT.awaitAcknowledged("/live", committed, 1);

    // then the rolled-back request left no outbox row and never reached the provider
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM callback_outbox WHERE filing_id = ?", Integer.class,
        rolledBack.get())).isZero();
    assertThat(ENDPOINT.received).noneMatch(r -> r.bodyText().contains(rolledBack.get()));
  }

  @Test
  void shouldDeliverWhatWasPendingAfterARestartInOrderWithBackoff() {
    // given two status changes of one request in the outbox, written in their transactions
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String filingId = restartProviderFiling();
    enqueue(filingId, FilingStatus.VERIFYING, clock.instant());
    enqueue(filingId, FilingStatus.UNDER_REVIEW, clock.instant().plusSeconds(1));

    // when a node tries once and is refused
    assertThat(restartDispatcher(clock).deliverDue()).isZero();

    // then the failure is kept with the next attempt backed off (initial 10 s, jittered into [5 s, 10 s]),
    // and the later status was not even tried
    Map<String, Object> first = outboxRows(filingId).get(0);
    assertThat(first).containsEntry("attempts", 1).containsEntry("last_error", "HTTP 500");
    assertThat(first.get("delivered_at")).isNull();
    // read as the JDBC driver's OffsetDateTime: a generic getObject gives H2's OffsetDateTime but PostgreSQL's Timestamp
    Instant next = jdbc.queryForObject("SELECT next_attempt_at FROM callback_outbox WHERE filing_id = ? ORDER BY id "
        + "FETCH FIRST 1 ROWS ONLY", OffsetDateTime.class, filingId).toInstant();
    assertThat(next).isBetween(clock.instant().plusSeconds(5), clock.instant().plusSeconds(10));
    assertThat(outboxRows(filingId).get(1)).containsEntry("attempts", 0);
    assertThat(ENDPOINT.attemptsOf("/restart", filingId)).hasSize(1);

    // when the node is gone and a fresh one starts: nothing is due yet
    CallbackDispatcher restarted = restartDispatcher(clock);
    assertThat(restarted.deliverDue()).isZero();
    assertThat(ENDPOINT.attemptsOf("/restart", filingId)).hasSize(1);
    // and once the backoff passed, it delivers the pending rows one after the other
    clock.set(next);
    assertThat(restarted.deliverDue()).isEqualTo(1);
    assertThat(restarted.deliverDue()).isZero();
    clock.advance(Duration.ofSeconds(10));
    assertThat(restarted.deliverDue()).isEqualTo(1);

    // then the provider received each status, in order, and every row is delivered
    assertThat(ENDPOINT.attemptsOf("/restart", filingId)).extracting(r -> r.field("status"), Received::answer)
        .containsExactly(tuple("VERIFYING", 500), tuple("VERIFYING", 200),
            tuple("UNDER_REVIEW", 500), tuple("UNDER_REVIEW", 200));
    assertThat(outboxRows(filingId)).allSatisfy(row -> {
      assertThat(row.get("delivered_at")).isNotNull();
      assertThat(row).containsEntry("attempts", 2).containsEntry("last_error", null).containsEntry("lease_owner", null);
    });
  }

  @Test
  void shouldRetakeARowWhoseNodeDiedOnlyAfterItsLeaseExpired() {
    // given a row claimed by a node that then died
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    String filingId = restartProviderFiling();
    enqueue(filingId, FilingStatus.VERIFYING, clock.instant());
    assertThat(restartDispatcher(clock).claimDue()).hasSize(1);

    // when another node looks within the lease (1 min)
    CallbackDispatcher survivor = restartDispatcher(clock);
    clock.advance(Duration.ofSeconds(59));
    // then it leaves the row alone
    assertThat(survivor.claimDue()).isEmpty();
    assertThat(ENDPOINT.attemptsOf("/restart", filingId)).isEmpty();

    // when the lease has expired
    clock.advance(Duration.ofSeconds(1));
    survivor.deliverDue();
    clock.advance(Duration.ofSeconds(10));
    survivor.deliverDue();

    // then the survivor took it over and delivered it
    assertThat(ENDPOINT.attemptsOf("/restart", filingId)).extracting(Received::answer).containsExactly(500, 200);
    assertThat(outboxRows(filingId).get(0).get("delivered_at")).isNotNull();
  }

  /** a request of a provider the application's own dispatcher does not serve */
  private String restartProviderFiling() {
    return filingService.submit(RESTART_PROVIDER, TestData.newFiling("CN-GS", person("张三"), person("李四"))).filing().id();
  }

  private CallbackProperties restartProperties() {
    return new CallbackProperties(
        Map.of(RESTART_PROVIDER, new CallbackProperties.Provider(URI.create(ENDPOINT.url("/restart")), SECRET)),
        Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(5),
        Duration.ofSeconds(5), 20);
  }

  private CallbackDispatcher restartDispatcher(Clock clock) {
    return new CallbackDispatcher(jdbc, transactions, restartProperties(), clock, event -> {});
  }

  private void enqueue(String filingId, FilingStatus status, Instant at) {
    CallbackOutbox outbox = new CallbackOutbox(jdbc, restartProperties(), ZoneId.of("Asia/Shanghai"), event -> {});
    String requestNo = filings.get(filingId).requestNo();
    new TransactionTemplate(transactions).executeWithoutResult(tx ->
        outbox.statusChanged(new StatusChange(filingId, RESTART_PROVIDER, requestNo, status, null, at)));
  }

  private List<Map<String, Object>> outboxRows(String filingId) {
    return jdbc.queryForList("SELECT attempts, next_attempt_at, lease_owner, delivered_at, last_error "
        + "FROM callback_outbox WHERE filing_id = ? ORDER BY id", filingId).stream()
        .map(row -> {
          Map<String, Object> lower = new LinkedHashMap<>();
          row.forEach((k, v) -> lower.put(k.toLowerCase(), v));
          return lower;
        }).toList();
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }

  /** computed here, independently of the product's code: what a provider does to check a callback */
  private static String hmacSha256Hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** one request as the provider's endpoint received it, and what it answered */
  record Received(String path, byte[] body, String signature, String callbackId, String contentType, int answer) {
    Map<String, Object> json() {
      try {
        return JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String field(String name) {
      return (String) json().get(name);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** an access provider's callback endpoint that refuses the first attempts of every distinct body with a 500 */
  static final class ProviderEndpoint {
    final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();
    private final Map<String, Integer> attemptsByBody = new ConcurrentHashMap<>();

    private ProviderEndpoint(HttpServer server) {
      this.server = server;
    }

    static ProviderEndpoint start(Map<String, Integer> refusalsByPath) {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ProviderEndpoint endpoint = new ProviderEndpoint(server);
        refusalsByPath.forEach((path, refusals) -> server.createContext(path, exchange -> endpoint.answer(exchange, refusals)));
        server.start();
        return endpoint;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void answer(HttpExchange exchange, int refusals) throws IOException {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      int attempt = attemptsByBody.merge(path + new String(body, StandardCharsets.UTF_8), 1, Integer::sum);
      int status = attempt <= refusals ? 500 : 200;
      Received r = new Received(path, body, exchange.getRequestHeaders().getFirst("X-Signature"),
          exchange.getRequestHeaders().getFirst("X-Callback-Id"), exchange.getRequestHeaders().getFirst("Content-Type"),
          status);
      received.add(r);
      arrivals.add(r);
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    }

    List<Received> attemptsOf(String path, String filingId) {
      return received.stream().filter(r -> r.path().equals(path) && r.bodyText().contains(filingId)).toList();
    }

    /** waits (event-driven, not timed) until the request's n-th callback was acknowledged; returns its attempts */
    List<Received> awaitAcknowledged(String path, String filingId, int n) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (attemptsOf(path, filingId).stream().filter(r -> r.answer() == 200).count() < n) {
        try {
          if (arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) == null) {
            throw new AssertionError(n + " acknowledged callbacks of " + filingId + " did not arrive; got "
                + attemptsOf(path, filingId).stream().map(Received::bodyText).toList());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return new ArrayList<>(attemptsOf(path, filingId));
    }
  }

  /** a clock the test moves, for the dispatchers built by hand */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
