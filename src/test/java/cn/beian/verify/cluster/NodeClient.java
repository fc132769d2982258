package cn.beian.verify.cluster;

import cn.beian.verify.HttpTestSupport.Response;
import cn.beian.verify.filing.FilingSubmission;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a provider and a citizen send to one node, over HTTP, as anyone on the network would. */
final class NodeClient {
  /** the demo access provider A's API key (application-demo.yaml) */
  static final String PROVIDER_A_KEY = "demo-provider-a-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String baseUrl;

  NodeClient(int port) {
    this("http://127.0.0.1:" + port);
  }

  NodeClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** POST /api/v1/filings as provider A */
  Response submit(FilingSubmission submission) throws IOException {
    return post("/api/v1/filings", Map.of("X-Api-Key", PROVIDER_A_KEY), submission);
  }

  /** POST /api/v1/sms-verifications, from a client address (X-Forwarded-For; the nodes trust 127.0.0.1 as a proxy) */
  Response check(String client, String phone, String code, String idLast6, String captchaToken) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("phone", phone);
    body.put("code", code);
    body.put("idLast6", idLast6);
    if (captchaToken != null) {
      body.put("captchaToken", captchaToken);
    }
    return post("/api/v1/sms-verifications", client == null ? Map.of() : Map.of("X-Forwarded-For", client), body);
  }

  Response get(String path, Map<String, String> headers) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    return send(request.GET().build());
  }

  /** a String body is sent as it is, anything else as JSON */
  Response post(String path, Map<String, String> headers, Object body) throws IOException {
    String text = body instanceof String s ? s : JSON.writeValueAsString(body);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json");
    headers.forEach(request::header);
    return send(request.POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build());
  }

  /** @throws IOException when the node does not answer (a killed node: the answer is unknown) */
  private static Response send(HttpRequest request) throws IOException {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode body;
      try {
        body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
      } catch (IOException notJson) {
        body = JSON.missingNode();
      }
      return new Response(response.statusCode(), response, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }
}
