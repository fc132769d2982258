package cn.beian.verify.security;

import cn.beian.verify.testdb.TestDatabases;
import org.junit.jupiter.api.Tag;
import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.sms.smpp.SmscSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code prod} profile as an operator runs it: everything the operator sets is given under its environment
 * variable's name (README, "Production"), so the names in the profile's placeholders are tested too. What differs
 * from a real installation is the {@code test} profile on top: a private in-memory H2 instead of PostgreSQL, jobs
 * executed by hand, SMS dispatched inline, and an SMSC started by the test. The test profile switches the login
 * throttle off for the shared demo contexts; here it is on, as in production, with the test's loopback address as
 * the trusted reverse proxy so that X-Forwarded-For can stand for different clients.
 * Each subclass context gets an engine name of its own (no hyphen), given in its path by every call: the shared demo
 * contexts keep "default".
 */
@Tag(TestDatabases.TAG)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "BEIAN_DB_USER=sa",
    "BEIAN_DB_PASSWORD=test-only-password",
    // test keys: base64 of 32 bytes each, never used outside tests
    "BEIAN_SECRETS_HMAC_KEY=dGVzdC1obWFjLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=",
    "BEIAN_SECRETS_DATA_KEY=dGVzdC1kYXRhLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=",
    "BEIAN_PORTAL_BASE_URL=https://beian.example.cn",
    "BEIAN_SMS_SMPP_HOST=127.0.0.1",
    "BEIAN_SMS_SMPP_SYSTEM_ID=" + SmscSimulator.SYSTEM_ID,
    "BEIAN_SMS_SMPP_PASSWORD=" + SmscSimulator.PASSWORD,
    "beian.login-throttle.enabled=true",
    "beian.rate-limits.trusted-proxies[0]=127.0.0.1",
    "beian.rate-limits.trusted-proxies[1]=0:0:0:0:0:0:0:1"})
@ActiveProfiles({"prod", "test"})
public abstract class ProductionContextSupport extends HttpTestSupport {
  protected static final SmscSimulator SMSC = startSmsc();

  private static SmscSimulator startSmsc() {
    try {
      return new SmscSimulator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void smsc(DynamicPropertyRegistry registry) {
    registry.add("BEIAN_SMS_SMPP_PORT", SMSC::port);
  }

  /**
   * an engine REST call with HTTP Basic, from a client address (X-Forwarded-For through the trusted loopback proxy;
   * null: the loopback address itself)
   */
  protected Response rest(String user, String password, String method, String path, String body, String client) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    headers.put("Accept", "application/json");
    if (client != null) {
      headers.put("X-Forwarded-For", client);
    }
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return send(request(path, headers).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  /** a browser session of Camunda's webapps: its cookies and CSRF token, kept by hand (prod cookies are Secure) */
  protected final class WebappSession {
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;
    private final String client;

    protected WebappSession(String client) {
      this.client = client;
    }

    /** a GET, as the browser makes when it opens an app page or calls its API */
    public Response get(String path) {
      return remember(send(request(path, headers(Map.of())).GET().build()));
    }

    /** a POST of JSON through the webapps' API, as their pages send it */
    public Response post(String path, String json) {
      return remember(send(request(path, headers(Map.of("Content-Type", "application/json")))
          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build()));
    }

    /** the webapps' login form for one app ({@code tasklist}, {@code cockpit}, {@code admin}) of an engine */
    public Response login(String engineName, String app, String user, String password) {
      if (csrfToken == null) {
        get("/camunda/app/" + app + "/");
      }
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(password, StandardCharsets.UTF_8);
      return remember(send(request("/camunda/api/admin/auth/user/" + engineName + "/login/" + app,
          headers(Map.of("Content-Type", "application/x-www-form-urlencoded")))
          .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build()));
    }

    private Map<String, String> headers(Map<String, String> extra) {
      Map<String, String> headers = new LinkedHashMap<>(extra);
      headers.put("Accept", "application/json");
      if (!cookies.isEmpty()) {
        headers.put("Cookie", String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
      }
      if (csrfToken != null) {
        headers.put("X-XSRF-TOKEN", csrfToken);
      }
      if (client != null) {
        headers.put("X-Forwarded-For", client);
      }
      return headers;
    }

    private Response remember(Response response) {
      List<String> setCookies = response.raw().headers().allValues("Set-Cookie");
      for (String cookie : setCookies) {
        String[] nameValue = cookie.split(";", 2)[0].split("=", 2);
        cookies.put(nameValue[0].strip(), nameValue.length > 1 ? nameValue[1] : "");
      }
      String token = response.header("X-XSRF-TOKEN");
      if (token != null) {
        csrfToken = token;
      }
      return response;
    }
  }
}
