package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerificationService;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * Staff calls over HTTP, as an attacker with a staff account makes them: engine REST with HTTP Basic, the webapps' API
 * with a logged-in session; and real filings in the states the attacks need, driven through the provider and the
 * verification services.
 */
public abstract class StaffRestSupport extends HttpTestSupport {
  @Autowired protected FilingRepository filings;
  @Autowired protected VerificationService verificationService;
  @Autowired protected VerifierRepository verifiers;

  private final Map<String, WebappSession> sessions = new HashMap<>();

  /** a filing of the tests, with its two principals (张三 the entity's, 李四 the website's) */
  public record TestFiling(String id, String province, Person zhang, Person li) {}

  /** engine REST as {@code user} (password = id) */
  protected Response rest(String user, String method, String path, String jsonBody) {
    HttpRequest.Builder request = request("/engine-rest" + path, Map.of("Accept", "application/json",
        "Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))));
    if (jsonBody == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    }
    return send(request.build());
  }

  /** the webapps' engine API ({@code /camunda/api/engine/engine/default}) in a Tasklist session of {@code user} */
  protected Response webapp(String user, String method, String path, String jsonBody) {
    return parsed(session(user).engine(method, path, jsonBody));
  }

  /** the Tasklist session of {@code user}, logged in on first use */
  protected WebappSession session(String user) {
    return sessions.computeIfAbsent(user, u -> WebappSession.login(port, u));
  }

  /** the same call through either surface: "rest" or "webapp" */
  protected Response call(String surface, String user, String method, String path, String jsonBody) {
    return "webapp".equals(surface) ? webapp(user, method, path, jsonBody) : rest(user, method, path, jsonBody);
  }

  protected Response parsed(HttpResponse<String> response) {
    com.fasterxml.jackson.databind.JsonNode body;
    try {
      body = response.body().isEmpty() ? json.missingNode() : json.readTree(response.body());
    } catch (java.io.IOException notJson) {
      body = json.missingNode();
    }
    return new Response(response.statusCode(), response, body);
  }

  /** a refusal as SECURITY.md promises it: the status, a problem document with Camunda's fields, plain Chinese */
  protected static void assertRefusal(Response response, int status) {
    assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("status").asInt()).isEqualTo(status);
    assertThat(response.body().path("title").asText()).isNotBlank();
    assertThat(response.body().path("type").asText()).isIn("InvalidRequestException", "AuthorizationException");
    String message = response.body().path("message").asText();
    assertThat(message).isNotBlank().isEqualTo(response.body().path("detail").asText())
        .doesNotContain("ENGINE-", "Exception", "tenant").containsPattern("\\p{IsHan}");
  }

  /** no ERROR line and no stack trace in what the application logged since {@code from} */
  protected static void assertNoErrorLogged(CapturedOutput output, int from) {
    String logged = output.getAll().substring(from);
    assertThat(logged).doesNotContain(" ERROR ").doesNotContainPattern("(?m)^\\s+at [a-z]").doesNotContain("Exception:");
  }

  /** a request submitted by provider A whose two codes went out */
  protected TestFiling verifying(String province) {
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    Response created = post("/api/v1/filings", PROVIDER_A_KEY, TestData.newFiling(province, zhang, li));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String filingId = created.body().get("filingId").asText();
    runJobs(filingId);
    return new TestFiling(filingId, province, zhang, li);
  }

  /** both persons verified: the request waits at its bureau's review task */
  protected TestFiling underReview(String province) {
    TestFiling filing = verifying(province);
    assertThat(verificationService.check(filing.zhang().phone(), latestCode(filing.zhang().phone()),
        TestData.last6(filing.zhang())).result()).isEqualTo(CheckResult.VERIFIED_PARTIAL);
    assertThat(verificationService.check(filing.li().phone(), latestCode(filing.li().phone()),
        TestData.last6(filing.li())).result()).isEqualTo(CheckResult.VERIFIED_COMPLETE);
    runJobs(filing.id());
    assertThat(filings.get(filing.id()).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    return filing;
  }

  /** 张三 typed the wrong ID suffix five times: the request went back to its provider */
  protected TestFiling returned(String province) {
    TestFiling filing = verifying(province);
    for (int i = 0; i < 5; i++) {
      verificationService.check(filing.zhang().phone(), latestCode(filing.zhang().phone()), "000000");
    }
    runJobs(filing.id());
    assertThat(filings.get(filing.id()).status()).isEqualTo(FilingStatus.RETURNED);
    return filing;
  }

  protected Verifier verifierOf(TestFiling filing, Person person) {
    return verifiers.ofFiling(filing.id()).stream()
        .filter(v -> v.phoneHash().equals(hashes.phone(person.phone()))).findFirst().orElseThrow();
  }

  protected ProcessInstance filingInstance(String filingId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId)
        .processDefinitionKey(FilingProcess.KEY).singleResult();
  }

  /** the activities an instance waits in, to prove a refused call moved nothing */
  protected java.util.List<String> activeActivities(String processInstanceId) {
    return engine.getRuntimeService().getActiveActivityIds(processInstanceId);
  }
}
