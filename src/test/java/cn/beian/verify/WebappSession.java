package cn.beian.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A logged-in session of the Camunda webapps, as a browser holds it: the session cookie and the CSRF token the
 * webapps ask for on every modifying request. Requests go to the webapps' own API ({@code /camunda/api/...}),
 * which is what Tasklist calls.
 */
public final class WebappSession {
  private final HttpClient http;
  private final String base;
  private String csrfToken;

  private WebappSession(int port) {
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    this.base = "http://localhost:" + port;
  }

  /** logs {@code user} (password = user name, the demo accounts) in to {@code app} */
  public static WebappSession login(int port, String user, String app) {
    WebappSession session = new WebappSession(port);
    // a first, non-modifying request hands out the CSRF token
    HttpResponse<String> first = session.get("/camunda/api/admin/auth/user/default");
    session.csrfToken = first.headers().firstValue("X-XSRF-TOKEN").orElseThrow(
        () -> new AssertionError("no CSRF token from the webapps: " + first.headers().map()));
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(user, StandardCharsets.UTF_8);
    HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(session.base
            + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", session.csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    assertThat(login.statusCode()).as("login of %s: %s", user, login.body()).isEqualTo(200);
    // the login starts a new session: its token comes with the next non-modifying request
    HttpResponse<String> afterLogin = session.get("/camunda/api/admin/auth/user/default");
    session.csrfToken = afterLogin.headers().firstValue("X-XSRF-TOKEN").orElse(session.csrfToken);
    return session;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET().build());
  }

  /** a modifying call of the webapps' engine API ({@code /camunda/api/engine/engine/default/...}) */
  public HttpResponse<String> send(String method, String path, String jsonBody) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrfToken)
        .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
