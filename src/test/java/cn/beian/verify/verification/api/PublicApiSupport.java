package cn.beian.verify.verification.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The public endpoints over real HTTP on the shared test context (captcha and rate limits off): filings are
 * submitted through the service, send jobs run by hand, codes read back through the demo inbox endpoint.
 */
@SharedHttpContext
public abstract class PublicApiSupport {
  protected static final String PROVIDER = "demo-provider-a";
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

  @Autowired protected ProcessEngine engine;
  @Autowired protected FilingService filingService;
  @Autowired protected FilingRepository filings;
  @Autowired protected VerifierRepository verifiers;
  @Autowired protected PersonalDataHashes hashes;
  @LocalServerPort protected int port;

  protected final HttpClient http = HttpClient.newHttpClient();
  protected final ObjectMapper json = new ObjectMapper();

  /** a 新增备案 in 甘肃 with two verifiers, its first codes sent */
  protected String submitAndSend(Person entityPrincipal, Person websitePrincipal) {
    String filingId = filingService.submit(PROVIDER, TestData.newFiling("CN-GS", entityPrincipal, websitePrincipal))
        .filing().id();
    runJobs(filingId);
    return filingId;
  }

  /** executes the due jobs of the request's instances one by one, as the job executor would */
  protected void runJobs(String filingId) {
    for (int round = 0; round < 100; round++) {
      List<Job> due = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId).list()
          .stream()
          .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).executable().list()
              .stream())
          .toList();
      if (due.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(due.get(0).getId());
    }
    throw new AssertionError("jobs of " + filingId + " keep coming");
  }

  protected Filing filing(String filingId) {
    return filings.get(filingId);
  }

  protected Verifier verifierOf(String filingId, String phone) {
    String phoneHash = hashes.phone(phone);
    return verifiers.ofFiling(filingId).stream().filter(v -> v.phoneHash().equals(phoneHash)).findFirst()
        .orElseThrow(() -> new AssertionError("no verifier for " + phone));
  }

  protected HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  protected HttpResponse<String> postJson(String path, Map<String, ?> body) throws IOException, InterruptedException {
    return post(path, json.writeValueAsString(body));
  }

  /** POST /api/v1/sms-verifications, expecting 200 */
  protected JsonNode check(String phone, String code, String idLast6) throws IOException, InterruptedException {
    return ok(postJson("/api/v1/sms-verifications",
        Map.of("phone", phone, "code", code, "idLast6", idLast6, "captchaToken", "test")));
  }

  /** POST /api/v1/sms-resends, expecting 200 */
  protected JsonNode resend(String phone, String idLast6) throws IOException, InterruptedException {
    return ok(postJson("/api/v1/sms-resends", Map.of("phone", phone, "idLast6", idLast6, "captchaToken", "test")));
  }

  /** GET /api/v1/dev/sms: the messages to the phone, newest first */
  protected JsonNode inbox(String phone) throws IOException, InterruptedException {
    return ok(get("/api/v1/dev/sms?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)));
  }

  /** the code in the newest message of the phone's demo inbox */
  protected String latestCode(String phone) throws IOException, InterruptedException {
    JsonNode messages = inbox(phone);
    assertThat(messages).as("SMS to %s", phone).isNotEmpty();
    return codeIn(messages.get(0).get("text").asText());
  }

  protected static String codeIn(String text) {
    Matcher m = CODE.matcher(text);
    assertThat(m.find()).as("a 6-digit code in %s", text).isTrue();
    return m.group(1);
  }

  /** a different 6-digit code */
  protected static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  protected JsonNode ok(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
