package cn.beian.verify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.security.PersonalDataCipher;
import cn.beian.verify.verification.PersonalDataHashes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Helpers for tests over HTTP on the shared context ({@code @SecurityIntegrationTest}): requests with JSON bodies,
 * due jobs executed by hand (the job executor is off), the SMS the built-in gateway sent, the engine's clock.
 */
public abstract class HttpTestSupport {
  /** the demo access providers' API keys (application-demo.yaml) */
  protected static final String PROVIDER_A_KEY = "demo-provider-a-key", PROVIDER_B_KEY = "demo-provider-b-key";
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

  @LocalServerPort protected int port;
  @Autowired protected ProcessEngine engine;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected PersonalDataCipher cipher;
  @Autowired protected PersonalDataHashes hashes;

  protected final HttpClient http = HttpClient.newHttpClient();
  protected final ObjectMapper json = new ObjectMapper();

  /** a response with its body parsed as JSON (a missing node when the body is empty or not JSON) */
  public record Response(int status, HttpResponse<String> raw, JsonNode body) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
  }

  protected static void setClock(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  protected HttpRequest.Builder request(String path, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    headers.forEach(builder::header);
    return builder;
  }

  protected Response get(String path, String apiKey) {
    return send(request(path, apiKey == null ? Map.of() : Map.of("X-Api-Key", apiKey)).GET().build());
  }

  protected Response delete(String path, String apiKey) {
    return send(request(path, apiKey == null ? Map.of() : Map.of("X-Api-Key", apiKey)).DELETE().build());
  }

  /** POSTs a body: a String is sent as it is, anything else as JSON */
  protected Response post(String path, String apiKey, Object body) {
    String text;
    try {
      text = body instanceof String s ? s : json.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> headers = apiKey == null ? Map.of("Content-Type", "application/json")
        : Map.of("Content-Type", "application/json", "X-Api-Key", apiKey);
    return send(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build());
  }

  protected Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode body;
      try {
        body = response.body().isEmpty() ? json.missingNode() : json.readTree(response.body());
      } catch (IOException notJson) {
        body = json.missingNode();
      }
      return new Response(response.statusCode(), response, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** executes the due jobs of the request's instances one by one (a job may remove others) until none is left */
  protected void runJobs(String filingId) {
    for (int round = 0; round < 100; round++) {
      List<Job> due = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId).list()
          .stream()
          .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).executable().list().stream())
          .toList();
      if (due.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(due.get(0).getId());
    }
    throw new AssertionError("jobs of " + filingId + " keep coming");
  }

  /** the texts the SMS gateway sent to a phone, newest first */
  protected List<String> smsTo(String phone) {
    return jdbc.queryForList("SELECT text_enc FROM sms_message WHERE to_hash = ? ORDER BY sent_at DESC, id",
        String.class, hashes.phone(phone)).stream().map(cipher::decrypt).toList();
  }

  protected String latestCode(String phone) {
    List<String> texts = smsTo(phone);
    assertThat(texts).as("SMS to %s", phone).isNotEmpty();
    Matcher m = CODE.matcher(texts.get(0));
    assertThat(m.find()).as("a 6-digit code in the SMS").isTrue();
    return m.group(1);
  }

  protected Task reviewTask(String filingId) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(filingId)
        .taskDefinitionKey(FilingProcess.Elements.REVIEW_FILING).singleResult();
  }
}
