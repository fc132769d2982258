package cn.beian.verify.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.FilingTestDriver;
import cn.beian.verify.HostileValues.Field;
import cn.beian.verify.HostileValues.Mangling;
import cn.beian.verify.HostileValues;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;

/**
 * Generated hostile requests against the running product (the shared HTTP context: captcha and rate limits off),
 * sent as raw HTTP/1.1 so that nothing — no client library — tidies them up first. The invariant, for every request:
 * an answer comes (no hang), it is a success or a 4xx (never a 5xx), every 4xx is a problem document, and a refusal
 * changes nothing: no request stored, no SMS written to the outbox, no attempt or resend counted, no event recorded.
 */
@SharedHttpContext
class HostileRequestsPropertyTest {
  private static final int TIMEOUT_MILLIS = 20_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROVIDER_KEY = "demo-provider-a-key";

  private static TestContextManager spring;
  private static int port;
  private static JdbcTemplate jdbc;
  private static FilingService filingService;
  private static FilingTestDriver driver;
  private static PersonalDataHashes hashes;

  /** a person with a pending verification, whose phone and ID suffix the generated checks and resends use */
  private static Person pending;
  private static String pendingFilingId;

  /** the shared Spring context of the HTTP tests, reached through Spring's test support outside JUnit Jupiter */
  @BeforeContainer
  static void joinTheSharedContext() throws Exception {
    spring = new TestContextManager(HostileRequestsPropertyTest.class);
    spring.beforeTestClass();
    ApplicationContext context = spring.getTestContext().getApplicationContext();
    port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    jdbc = context.getBean(JdbcTemplate.class);
    filingService = context.getBean(FilingService.class);
    hashes = context.getBean(PersonalDataHashes.class);
    driver = new FilingTestDriver(context.getBean(ProcessEngine.class), jdbc, context.getBean(PersonalDataCipher.class),
        hashes);
  }

  @AfterContainer
  static void leaveTheSharedContext() throws Exception {
    spring.afterTestClass();
  }

  /** a pending verification to aim at: a new request when the last one was verified, failed or returned */
  @BeforeTry
  void keepAVerifierPending() {
    boolean stillPending = pending != null && jdbc.queryForObject(
        "SELECT COUNT(*) FROM verifier WHERE filing_id = ? AND phone_hash = ? AND status = 'PENDING'", Integer.class,
        pendingFilingId, hashes.phone(pending.phone())) == 1;
    if (!stillPending) {
      pending = TestData.person("张三");
      pendingFilingId = filingService.submit("demo-provider-a", TestData.newFiling("CN-GS", pending,
          TestData.person("李四"))).filing().id();
      driver.runJobs(pendingFilingId);
    }
  }

  // ---- the public endpoints -------------------------------------------------------------------------------------

  @Provide
  Arbitrary<RawRequest> publicRequests() {
    Arbitrary<String> path = Arbitraries.of("/api/v1/sms-verifications", "/api/v1/sms-resends");
    Arbitrary<List<UnaryOperator<List<Field>>>> changes = HostileValues.fieldChanges().list().ofMaxSize(2);
    // JSON text: the phone as the page sends it, in other spellings of the same number, and as a JSON number
    Arbitrary<String> phone = Arbitraries.of("\"PHONE\"", "\"+86 PHONE\"", "\"86-PHONE\"", "\" PHONE \"",
        "PHONE_AS_NUMBER", "\"PHONE_ESCAPED\"");
    Arbitrary<String> suffix = Arbitraries.of("SUFFIX", "SUFFIX_LOWER", "000000");
    return Combinators.combine(path, phone, suffix, changes, manglings(),
            Arbitraries.integers().between(0, 400), contentTypes())
        .as((p, ph, sx, ch, mangling, amount, type) -> {
          List<Field> fields = new ArrayList<>(List.of(new Field("phone", ph), new Field("code", "\"WRONG_CODE\""),
              new Field("idLast6", "\"" + sx + "\""), new Field("captchaToken", "\"t\"")));
          if (p.endsWith("resends")) {
            fields.remove(1);
          }
          for (UnaryOperator<List<Field>> change : ch) {
            fields = change.apply(fields);
          }
          String body = HostileValues.mangle(HostileValues.object(fields), mangling, amount);
          return new RawRequest("POST", p, type == null ? Map.of() : Map.of("Content-Type", type), body);
        });
  }

  /** mostly intact, so that the field changes meet the checks they aim at */
  private static Arbitrary<Mangling> manglings() {
    return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.of(Mangling.NONE, Mangling.WHITESPACE_PADDED)),
        Tuple.of(5, Arbitraries.of(Mangling.class)));
  }

  /** zero, one or two field changes, none a third of the time */
  private static Arbitrary<List<UnaryOperator<List<Field>>>> fieldChanges() {
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(List.of())),
        Tuple.of(2, HostileValues.fieldChanges().list().ofMinSize(1).ofMaxSize(2)));
  }

  private static Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("application/json")),
        Tuple.of(1, Arbitraries.of("application/json; charset=UTF-8", "application/json; charset=ISO-8859-1",
            "application/json; charset=no-such", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/*", "application/problem+json", "")),
        Tuple.of(1, Arbitraries.just((String) null)));
  }

  /** the placeholders of a generated body, filled with the pending person's real values */
  private static RawRequest aimedAtThePendingPerson(RawRequest request) {
    String phone = pending.phone();
    String suffix = pending.idNumber().substring(pending.idNumber().length() - 6);
    String escaped = phone.chars().mapToObj(c -> String.format("\\u%04x", c)).reduce("", String::concat);
    String code = driver.latestCode(phone);
    String wrongCode = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    String body = request.body()
        .replace("PHONE_AS_NUMBER", phone)
        .replace("PHONE_ESCAPED", escaped).replace("PHONE", phone)
        .replace("SUFFIX_LOWER", suffix.toLowerCase(Locale.ROOT)).replace("SUFFIX", suffix)
        .replace("WRONG_CODE", wrongCode);
    return new RawRequest(request.method(), request.path(), request.headers(), body);
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void shouldAnswerEveryCheckAndResendWithASuccessOrARefusalThatCountsNothing(
      @ForAll("publicRequests") RawRequest generated) throws IOException {
    RawRequest request = aimedAtThePendingPerson(generated);

    RawResponse response = sendAndCheck(request, true);

    if (response.status() < 400) {
      assertThat(response.json().path("result").asText()).isNotBlank();
    }
  }

  // ---- the access providers' submissions --------------------------------------------------------------------------

  @Provide
  Arbitrary<RawRequest> submissions() {
    Arbitrary<Integer> websites = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.integers().between(0, 3)),
        Tuple.of(1, Arbitraries.integers().between(95, 110)));
    Arbitrary<List<UnaryOperator<List<Field>>>> changes = fieldChanges();
    Arbitrary<String> names = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("张三")),
        Tuple.of(1, HostileValues.hostileText()), Tuple.of(1, HostileValues.longText()));
    return Combinators.combine(websites, changes, names, names, manglings(),
            Arbitraries.integers().between(0, 400), contentTypes())
        .as((count, ch, entityName, personName, mangling, amount, type) -> {
          List<Field> fields = new ArrayList<>(List.of(
              new Field("requestNo", HostileValues.quote(TestData.requestNo())),
              new Field("type", "\"NEW_FILING\""), new Field("province", "\"CN-GS\""),
              new Field("serviceType", "\"WEBSITE\""),
              new Field("entity", "{\"name\":" + HostileValues.quote(entityName + "公司") + ",\"principal\":"
                  + person(personName) + "}")));
          List<String> sites = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            sites.add("{\"ref\":\"w" + i + "\",\"domain\":\"w" + i + ".example.cn\",\"principal\":" + person("李四") + "}");
          }
          fields.add(new Field("websites", "[" + String.join(",", sites) + "]"));
          for (UnaryOperator<List<Field>> change : ch) {
            fields = change.apply(fields);
          }
          String body = HostileValues.mangle(HostileValues.object(fields), mangling, amount);
          Map<String, String> headers = new LinkedHashMap<>();
          headers.put("X-Api-Key", PROVIDER_KEY);
          if (type != null) {
            headers.put("Content-Type", type);
          }
          return new RawRequest("POST", "/api/v1/filings", headers, body);
        });
  }

  private static String person(String name) {
    return "{\"name\":" + HostileValues.quote(name) + ",\"phone\":\"" + TestData.phone()
        + "\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\"" + TestData.residentId() + "\"}";
  }

  @Property(tries = 120, edgeCases = EdgeCasesMode.NONE)
  void shouldAnswerEverySubmissionWithASuccessOrARefusalThatStoresNothing(@ForAll("submissions") RawRequest request)
      throws IOException {
    sendAndCheck(request, true);
  }

  // ---- any surface, any method, any path ------------------------------------------------------------------------

  @Provide
  Arbitrary<RawRequest> anyRequests() {
    Arbitrary<String> methods = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE",
        "PROPFIND", "CONNECT", "FOO");
    Arbitrary<String> prefixes = Arbitraries.of("/", "/verify", "/v/", "/dev/sms", "/api/v1/filings", "/api/v1/filings/",
        "/api/v1/sms-verifications", "/api/v1/sms-resends", "/api/v1/captcha", "/api/v1/captcha/checks",
        "/api/v1/dev/sms", "/portal/verify.js", "/portal/verify.css", "/error", "/v3/api-docs", "/api/", "/x");
    Arbitrary<String> segments = Arbitraries.of("", "x", "%00", "%2F", "%2f", "%2e%2e", "..", "%ZZ", "%", "%C0%AF",
        "%E4%B8%AD", "中", ";jsessionid=1", "a;b=c", "/", "//", "{x}", "|", "%20", "%0d%0aX:1", "~", "a".repeat(3000))
        .list().ofMaxSize(3).map(l -> String.join("/", l));
    Arbitrary<String> queries = Arbitraries.of("", "?phone=13800138000", "?phone=%00", "?phone=", "?requestNo=" + "R"
        .repeat(500), "?a=%ZZ", "?requestNo=X&requestNo=Y", "?phone[]=1", "?=");
    Arbitrary<Map<String, String>> headers = Combinators.combine(
        Arbitraries.of("application/json", "application/xml", "text/html", "*/*", "garbage", "application/problem+json",
            "").injectNull(0.3),
        contentTypes(), Arbitraries.of(PROVIDER_KEY, "wrong-key", "").injectNull(0.5),
        Arbitraries.of(0, 100, 9000))
        .as((accept, type, key, padding) -> {
          Map<String, String> h = new LinkedHashMap<>();
          if (accept != null) {
            h.put("Accept", accept);
          }
          if (type != null) {
            h.put("Content-Type", type);
          }
          if (key != null) {
            h.put("X-Api-Key", key);
          }
          if (padding > 0) {
            h.put("X-Padding", "p".repeat(padding));
          }
          return h;
        });
    Arbitrary<String> bodies = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("")),
        Tuple.of(1, HostileValues.jsonValues()), Tuple.of(1, HostileValues.hostileText()));
    return Combinators.combine(methods, prefixes, segments, queries, headers, bodies)
        .as((method, prefix, segment, query, h, body) -> new RawRequest(method, prefix + segment + query, h, body));
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void shouldAnswerAnyRequestWithASuccessOrAProblem(@ForAll("anyRequests") RawRequest request) throws IOException {
    sendAndCheck(request, false);
  }

  // ---- the invariant ----------------------------------------------------------------------------------------------

  /**
   * sends the request and checks the invariant; with {@code bothAnswers}, also that the generator reached both sides
   * (successes and refusals), or the property would say little
   */
  private static RawResponse sendAndCheck(RawRequest request, boolean bothAnswers) throws IOException {
    Snapshot before = Snapshot.take();

    RawResponse response = send(request);

    Statistics.collect(response.status() / 100 * 100);
    if (bothAnswers) {
      Statistics.coverage(coverage -> {
        // reached at all: the share of successes swings with the generator's seed (3–10 % of 120 tries), so a share
        // would make the run depend on its seed
        coverage.check(200).count(c -> c >= 2);
        coverage.check(400).percentage(p -> p >= 30);
      });
    }
    assertSuccessOrProblem(request, response);
    if (response.status() >= 400) {
      assertThat(Snapshot.take()).as("a refusal stores, sends and counts nothing: %s", request).isEqualTo(before);
    }
    return response;
  }

  private static void assertSuccessOrProblem(RawRequest request, RawResponse response) {
    assertThat(response.status()).as("status of %s", request).isBetween(100, 499);
    if (response.status() >= 400 && !"HEAD".equals(request.method())) {
      assertThat(response.header("content-type")).as("content type of %s answered %s", request, response.status())
          .startsWith("application/problem+json");
      JsonNode problem = response.json();
      assertThat(problem.path("status").asInt()).as("problem of %s: %s", request, response.body())
          .isEqualTo(response.status());
      assertThat(problem.path("title").asText()).isNotBlank();
      assertThat(problem.path("detail").asText()).isNotBlank().doesNotContainPattern("\\{\\d}");
    }
  }

  @Example
  void shouldRefuseTraceAndConnectAsNotAllowed() throws IOException {
    // Tomcat answers TRACE with an empty 405 and CONNECT with a 501 of its own, before any application code
    for (String method : List.of("TRACE", "CONNECT")) {
      RawRequest request = new RawRequest(method, "/api/v1/filings", Map.of("X-Api-Key", PROVIDER_KEY), "");
      RawResponse response = send(request);
      assertThat(response.status()).as(method).isEqualTo(405);
      assertSuccessOrProblem(request, response);
    }
  }

  /** what a refusal must leave as it was */
  private record Snapshot(long filings, long persons, long events, long outbox, long failedAttempts, long resends) {
    static Snapshot take() {
      return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM filing), (SELECT COUNT(*) FROM filing_person), "
              + "(SELECT COUNT(*) FROM filing_event), (SELECT COUNT(*) FROM sms_outbox), "
              + "(SELECT COALESCE(SUM(failed_attempts), 0) FROM verifier), "
              + "(SELECT COALESCE(SUM(manual_resends), 0) FROM verifier) FROM (VALUES (1))",
          (rs, row) -> new Snapshot(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
              rs.getLong(6)));
    }
  }

  // ---- raw HTTP/1.1 -----------------------------------------------------------------------------------------------

  record RawRequest(String method, String path, Map<String, String> headers, String body) {
    @Override
    public String toString() {
      String shown = body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
      String target = path.length() > 200 ? path.substring(0, 200) + "…" : path;
      return method + " " + target + " " + headers.keySet() + " " + shown;
    }
  }

  record RawResponse(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException notJson) {
        throw new AssertionError("not JSON: " + body, notJson);
      }
    }
  }

  /** one request on its own connection; the answer is read to the end, or the property fails after 20 s */
  private static RawResponse send(RawRequest request) throws IOException {
    byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder().append(request.method()).append(' ').append(request.path())
        .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body.length > 0 || !List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(request.method())) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      try {
        out.write(body);
        out.flush();
      } catch (IOException closedEarly) {
        // the server may answer and close before reading a body it refuses (413): its answer is still there
      }
      return parse(socket.getInputStream());
    }
  }

  private static RawResponse parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (java.net.SocketException reset) {
      // a server that closes right after answering may reset the connection: what arrived is the answer
    }
    String raw = all.toString(StandardCharsets.ISO_8859_1);
    int end = raw.indexOf("\r\n\r\n");
    assertThat(end).as("an answer with a status line and headers, got: %s", raw).isPositive();
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] rest = all.toByteArray();
    byte[] content = java.util.Arrays.copyOfRange(rest, end + 4, rest.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      content = unchunk(content);
    }
    return new RawResponse(status, headers, new String(content, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = at;
      while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int size = sizeText.isEmpty() ? 0 : Integer.parseInt(sizeText, 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }
}
