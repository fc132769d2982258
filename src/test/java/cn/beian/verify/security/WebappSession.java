package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A logged-in session of Camunda's webapps, as the browser holds it: the session cookie, and the CSRF token the
 * webapps require on every modifying call to their API ({@code /camunda/api/…}).
 */
public final class WebappSession {
  private final int port;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  private WebappSession(int port) {
    this.port = port;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** logs {@code user} (password = id, the demo accounts) into Tasklist */
  public static WebappSession login(int port, String user) {
    WebappSession session = new WebappSession(port);
    // the first page hands out the CSRF token cookie
    HttpResponse<String> page = session.send(HttpRequest.newBuilder(session.uri("/camunda/app/tasklist/default/")).GET());
    assertThat(page.statusCode()).isEqualTo(200);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(user, StandardCharsets.UTF_8);
    HttpResponse<String> login = session.send(HttpRequest.newBuilder(session.uri("/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", session.csrfToken())
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(login.statusCode()).as("login of %s: %s", user, login.body()).isEqualTo(200);
    // logging in starts a new session, whose CSRF token the next read hands out (as Tasklist's next call gets it)
    HttpResponse<String> whoAmI = session.send(HttpRequest.newBuilder(session.uri("/camunda/api/admin/auth/user/default")).GET());
    assertThat(whoAmI.statusCode()).as(whoAmI.body()).isEqualTo(200);
    return session;
  }

  /** a call to the webapps' engine API, {@code /camunda/api/engine/engine/default} + {@code path} */
  public HttpResponse<String> engine(String method, String path, String jsonBody) {
    return call(method, "/camunda/api/engine/engine/default" + path, jsonBody);
  }

  public HttpResponse<String> call(String method, String path, String jsonBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
        .header("X-XSRF-TOKEN", csrfToken());
    if (jsonBody == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    }
    return send(request);
  }

  /** a call with a body of any type, e.g. a multipart upload */
  public HttpResponse<String> raw(String method, String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").header("X-XSRF-TOKEN", csrfToken())
        .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private String csrfToken() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
        .map(HttpCookie::getValue).findFirst().orElse("");
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
