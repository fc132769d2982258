package cn.beian.verify.ops;

import static cn.beian.verify.TestData.last6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beian.verify.DefaultEngineOfTheContext;
import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.SmsVerificationProcess;
import cn.beian.verify.testdb.TestDatabases;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * One Spring context for the operations tests: the shared HTTP setup (demo accounts, private H2, jobs by hand, no
 * captcha) plus what operators see: the management port (random here, as the public one), the Prometheus registry
 * (Spring's tests switch metrics export off unless asked), figures read at every probe, and demo provider
 * A with a callback endpoint in the test that refuses every callback's first attempt.
 */
@Tag(TestDatabases.TAG)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "beian.health.figures-max-age=PT0S",
    "beian.callbacks.initial-backoff=PT0.05S",
    "beian.callbacks.max-backoff=PT0.2S",
    "beian.callbacks.poll-interval=PT0.1S",
    "beian.callbacks.timeout=PT5S",
    "beian.callbacks.lease=PT30S"})
@ActiveProfiles({"demo", "test"})
@AutoConfigureObservability(tracing = false)
@TestExecutionListeners(listeners = DefaultEngineOfTheContext.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class OpsTestSupport extends HttpTestSupport {
  protected static final String PROVIDER_A = "demo-provider-a";
  protected static final CallbackEndpoint CALLBACKS = CallbackEndpoint.start();
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @LocalManagementPort protected int managementPort;

  @DynamicPropertySource
  static void callbackOfProviderA(DynamicPropertyRegistry registry) {
    registry.add("beian.callbacks.providers." + PROVIDER_A + ".url", CALLBACKS::url);
    registry.add("beian.callbacks.providers." + PROVIDER_A + ".secret", () -> "ops-test-callback-secret");
  }

  /** GET on the management port */
  protected Response management(String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build());
  }

  /** GET on the public port, without credentials */
  protected Response publicGet(String path) {
    return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build());
  }

  /** one sample of the Prometheus exposition */
  protected record Sample(String name, Map<String, String> labels, double value) {}

  protected List<Sample> scrape() {
    Response response = management("/actuator/prometheus");
    assertThat(response.status()).isEqualTo(200);
    List<Sample> samples = new ArrayList<>();
    for (String line : response.raw().body().split("\n")) {
      Matcher m = SAMPLE.matcher(line.trim());
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return samples;
  }

  /** the sum of a metric's samples whose labels include the given ones (0 when there is none) */
  protected static double value(List<Sample> samples, String name, String... labels) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.stream().filter(s -> s.name().equals(name))
        .filter(s -> wanted.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
        .mapToDouble(Sample::value).sum();
  }

  /** what one whole filing left behind: the people, and every code and short-link token they were sent */
  protected record WholePath(String filingId, FilingSubmission submission, Person zhang, Person li,
      List<String> codes, List<String> linkTokens) {}

  /**
   * One filing from submission to approval as its users drive it: the provider submits over the API (its callback
   * endpoint refuses each first attempt), 张三 enters a wrong ID suffix and asks for a resend on the public API, the
   * verification desk enters a wrong code and then 李四's right one in its Tasklist form (engine REST, as the form
   * does), 张三 verifies with the new code, the Gansu reviewer approves in the review form, and every status change
   * reaches the provider.
   */
  protected WholePath runWholePath() {
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    FilingSubmission submission = TestData.newFiling("CN-GS", zhang, li);
    Response created = post("/api/v1/filings", PROVIDER_A_KEY, submission);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String filingId = created.body().get("filingId").asText();
    runJobs(filingId);

    String firstCode = latestCode(zhang.phone());
    assertThat(check(zhang.phone(), firstCode, "000000")).isEqualTo("WRONG_INFO");
    Response resend = post("/api/v1/sms-resends", null, Map.of("phone", zhang.phone(), "idLast6", last6(zhang)));
    assertThat(resend.body().get("result").asText()).isEqualTo("RESENT");
    runJobs(filingId);
    String secondCode = latestCode(zhang.phone());

    String liCode = latestCode(li.phone());
    String liTask = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(filingId)
        .taskDefinitionKey(SmsVerificationProcess.Elements.VERIFY_SMS_CODE).list().stream()
        .filter(t -> t.getName().contains("李*")).findFirst().orElseThrow().getId();
    String wrongCode = String.format("%06d", (Integer.parseInt(liCode) + 1) % 1_000_000);
    assertThat(submitForm("desk", liTask, Map.of(SmsVerificationProcess.Vars.SMS_CODE, wrongCode,
        SmsVerificationProcess.Vars.PHONE, li.phone(), SmsVerificationProcess.Vars.ID_LAST6, last6(li))).status())
        .isGreaterThanOrEqualTo(400);
    assertThat(submitForm("desk", liTask, Map.of(SmsVerificationProcess.Vars.SMS_CODE, liCode,
        SmsVerificationProcess.Vars.PHONE, li.phone(), SmsVerificationProcess.Vars.ID_LAST6, last6(li))).status())
        .isEqualTo(204);
    assertThat(check(zhang.phone(), secondCode, last6(zhang))).isEqualTo("VERIFIED_COMPLETE");
    runJobs(filingId);

    String reviewTask = reviewTask(filingId).getId();
    assertThat(submitForm("reviewer-gs", reviewTask, Map.of(FilingProcess.Vars.APPROVED, true,
        FilingProcess.Vars.REVIEW_COMMENT, "材料齐全")).status()).isEqualTo(204);
    assertThat(get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body().get("status").asText()).isEqualTo("APPROVED");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(CALLBACKS.acknowledged(filingId))
        .containsExactly("VERIFYING", "UNDER_REVIEW", "APPROVED"));

    List<String> texts = new ArrayList<>(smsTo(zhang.phone()));
    texts.addAll(smsTo(li.phone()));
    List<String> tokens = texts.stream().map(t -> {
      Matcher m = Pattern.compile("/v/([A-Za-z0-9_-]+)").matcher(t);
      assertThat(m.find()).as("a short link in %s", t).isTrue();
      return m.group(1);
    }).toList();
    return new WholePath(filingId, submission, zhang, li, List.of(firstCode, secondCode, liCode, wrongCode), tokens);
  }

  protected String check(String phone, String code, String idLast6) {
    Response answer = post("/api/v1/sms-verifications", null, Map.of("phone", phone, "code", code, "idLast6", idLast6));
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return answer.body().get("result").asText();
  }

  /** submits a Tasklist form as the given demo user, through the engine REST API the form uses */
  protected Response submitForm(String user, String taskId, Map<String, Object> fields) {
    Map<String, Object> variables = new LinkedHashMap<>();
    fields.forEach((name, value) -> variables.put(name,
        Map.of("value", value, "type", value instanceof Boolean ? "Boolean" : "String")));
    String body;
    try {
      body = json.writeValueAsString(Map.of("variables", variables));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return send(request("/engine-rest/task/" + taskId + "/submit-form", Map.of("Content-Type", "application/json",
        "Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** demo provider A's callback endpoint: refuses the first attempt of every callback, acknowledges the second */
  protected static final class CallbackEndpoint {
    private final HttpServer server;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> acknowledged = new CopyOnWriteArrayList<>();

    private CallbackEndpoint(HttpServer server) {
      this.server = server;
    }

    static CallbackEndpoint start() {
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CallbackEndpoint endpoint = new CallbackEndpoint(server);
        server.createContext("/callbacks", exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          String id = exchange.getRequestHeaders().getFirst("X-Callback-Id");
          int status = endpoint.attempts.merge(id, 1, Integer::sum) == 1 ? 500 : 200;
          if (status == 200) {
            endpoint.acknowledged.add(new ObjectMapper().readValue(body,
                new TypeReference<LinkedHashMap<String, Object>>() {}));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
        server.start();
        return endpoint;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks";
    }

    /** the statuses of one request the endpoint acknowledged, in order */
    List<String> acknowledged(String filingId) {
      return acknowledged.stream().filter(b -> filingId.equals(b.get("filingId"))).map(b -> (String) b.get("status"))
          .toList();
    }
  }
}
