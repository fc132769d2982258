package cn.beian.verify.notify.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An access provider's client of Beian Verify, as an integration would write it (JDK and Jackson only): it keeps its
 * requests in sync through the change feed ({@code GET /api/v1/filing-changes}), storing the last cursor after each
 * page so that a restart neither misses nor repeats an event, and it receives callbacks, accepting only those whose
 * {@code X-Signature} is the HMAC-SHA256 of the exact body under the provider's secret, and each callback id once.
 *
 * <pre>
 * ProviderSyncClient client = new ProviderSyncClient(URI.create("https://beian.example.cn"), apiKey, cursorStore);
 * client.sync(event -&gt; myRequests.apply(event));          // every few seconds, or when a callback arrived
 * try (var callbacks = ProviderSyncClient.receiveCallbacks(8443, secret, event -&gt; myRequests.apply(event))) { … }
 * </pre>
 *
 * The feed is the source of truth (everything, in order, once); callbacks are a push that may arrive twice or, after a
 * long outage of the receiver, late: a client that applies both keeps the highest state it saw per request.
 */
public final class ProviderSyncClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 100;

  /** where the client keeps its last cursor between runs (a file, a database row) */
  public interface CursorStore {
    Optional<String> load();

    void save(String cursor);
  }

  /** a cursor kept in memory, for a test or a client that re-reads from the start after each restart */
  public static final class InMemoryCursor implements CursorStore {
    private volatile String cursor;

    @Override
    public Optional<String> load() {
      return Optional.ofNullable(cursor);
    }

    @Override
    public void save(String cursor) {
      this.cursor = cursor;
    }
  }

  /** one event of the feed or of a callback, as the contract names its fields */
  public record Event(String event, String filingId, String requestNo, String status, JsonNode verifier, String at,
      JsonNode raw) {
    static Event of(JsonNode node) {
      return new Event(node.path("event").asText(), node.path("filingId").asText(), node.path("requestNo").asText(),
          node.path("status").asText(null), node.get("verifier"), node.path("at").asText(), node);
    }

    /** the masked phone of a per-person event, null for a status change */
    public String verifierPhone() {
      return verifier == null ? null : verifier.path("phone").asText(null);
    }
  }

  private final URI base;
  private final String apiKey;
  private final CursorStore cursors;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public ProviderSyncClient(URI base, String apiKey, CursorStore cursors) {
    this.base = base;
    this.apiKey = apiKey;
    this.cursors = cursors;
  }

  /**
   * Reads the feed from the stored cursor to its end, handing each event to {@code apply} in order, and stores the
   * cursor after each page has been applied (so a crash re-reads at most the page it was applying: make apply
   * idempotent). Returns how many events were applied.
   */
  public int sync(Consumer<Event> apply) throws IOException, InterruptedException {
    int applied = 0;
    while (true) {
      Optional<String> after = cursors.load();
      String query = "limit=" + PAGE + after.map(c -> "&after=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).orElse("");
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/filing-changes?" + query))
          .header("X-Api-Key", apiKey).header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET()
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IOException("change feed answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode page = JSON.readTree(response.body());
      JsonNode items = page.get("items");
      if (items.isEmpty()) {
        return applied;
      }
      for (JsonNode item : items) {
        apply.accept(Event.of(item));
        applied++;
      }
      cursors.save(page.get("nextCursor").asText());
    }
  }

  /** whether {@code header} is {@code sha256=<hex>} of HMAC-SHA256(secret, body), compared in constant time */
  public static boolean signatureValid(String secret, byte[] body, String header) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /**
   * A callback endpoint on 127.0.0.1 ({@code port} 0: any free port): a POST whose signature is wrong is answered
   * 401 and dropped; a valid one is handed to {@code apply} once per {@code X-Callback-Id} (a repeat is acknowledged
   * again, not applied again) and acknowledged with 204.
   */
  public static CallbackReceiver receiveCallbacks(int port, String secret, Consumer<Event> apply) {
    return new CallbackReceiver(port, secret, apply);
  }

  /** the running callback endpoint; {@link #close()} stops it */
  public static final class CallbackReceiver implements AutoCloseable {
    private final HttpServer server;
    private final String secret;
    private final Consumer<Event> apply;
    private final Map<String, Boolean> applied = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());

    private CallbackReceiver(int port, String secret, Consumer<Event> apply) {
      this.secret = secret;
      this.apply = apply;
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/callbacks", this::handle);
      server.start();
    }

    public URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks");
    }

    /** the bodies refused for a wrong or missing signature */
    public List<String> refused() {
      synchronized (refused) {
        return List.copyOf(refused);
      }
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        if (!"POST".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        if (!signatureValid(secret, body, exchange.getRequestHeaders().getFirst("X-Signature"))) {
          refused.add(new String(body, StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(401, -1);
          return;
        }
        String id = exchange.getRequestHeaders().getFirst("X-Callback-Id");
        if (id == null || applied.putIfAbsent(id, Boolean.TRUE) == null) {
          apply.accept(Event.of(JSON.readTree(body)));
        }
        exchange.sendResponseHeaders(204, -1);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
