package cn.beian.verify;

import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
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
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Helpers for tests over HTTP on the shared context ({@code @SharedHttpContext}): requests with JSON bodies,
 * due jobs executed by hand (the job executor is off), the SMS the built-in gateway sent, the engine's clock.
 */
public abstract class HttpTestSupport {
  /** the demo access providers' API keys (application-demo.yaml) */
  protected static final String PROVIDER_A_KEY = "demo-provider-a-key", PROVIDER_B_KEY = "demo-provider-b-key";

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

  private FilingTestDriver driver() {
    return new FilingTestDriver(engine, jdbc, cipher, hashes);
  }

  protected void runJobs(String filingId) {
    driver().runJobs(filingId);
  }

  protected List<String> smsTo(String phone) {
    return driver().smsTo(phone);
  }

  protected String latestCode(String phone) {
    return driver().latestCode(phone);
  }

  protected Task reviewTask(String filingId) {
    return driver().reviewTask(filingId);
  }
}
