package cn.beian.verify.process.staff;

import cn.beian.verify.kernel.ReplayedBody;
import cn.beian.verify.kernel.Texts;
import cn.beian.verify.portal.ClientAddresses;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles the two ways staff present a password: HTTP Basic on the engine REST API (every call) and the webapps'
 * login form ({@code POST …/api/admin/auth/user/{engine}/login/{app}}). A client over its limits gets a 429 problem
 * with Retry-After before its password is checked (so a locked-out guesser also stops reaching the directory). A
 * failure is a 401 answer to a request that carried credentials; the only success that clears a client's count
 * for a user is a 200 from the login form, the one answer that proves the password (an engine REST answer other
 * than 401 may come before any check, e.g. for an unknown engine).
 */
class LoginThrottleFilter extends OncePerRequestFilter {
  /** a login form is a few hundred bytes; anything larger is not a login */
  static final int MAX_LOGIN_BODY = 16 * 1024;

  private final LoginThrottle throttle;
  private final ClientAddresses clients;
  private final Clock clock;
  private final ObjectMapper json;
  private final String restPath;
  private final Pattern webappLogin;

  LoginThrottleFilter(LoginThrottle throttle, ClientAddresses clients, Clock clock, ObjectMapper json, String restPath,
      String webappPath) {
    this.throttle = throttle;
    this.clients = clients;
    this.clock = clock;
    this.json = json;
    this.restPath = restPath;
    this.webappLogin = Pattern.compile(Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+/?");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    boolean form = "POST".equalsIgnoreCase(request.getMethod()) && webappLogin.matcher(path).matches();
    HttpServletRequest forwarded = request;
    String user;
    if (form) {
      byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_BODY + 1);
      if (body.length > MAX_LOGIN_BODY) {
        SecurityProblems.write(request, response, json, HttpStatus.PAYLOAD_TOO_LARGE,
            Texts.text("staff.login.tooLarge.title"), Texts.text("staff.login.tooLarge.detail"));
        return;
      }
      user = formField(body, "username");
      forwarded = new ReplayedBody(request, body);
    } else if (path.startsWith(restPath + "/") && basicAuthorization(request)) {
      user = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
    } else {
      chain.doFilter(request, response);
      return;
    }

    String client = clients.of(request);
    Optional<Duration> wait = throttle.refusal(client, user, clock.instant());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      SecurityProblems.write(request, response, json, HttpStatus.TOO_MANY_REQUESTS,
          Texts.text("staff.login.throttled.title"), Texts.text("staff.login.throttled.detail", Math.max(1, (seconds + 59) / 60)));
      return;
    }
    chain.doFilter(forwarded, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(client, user, clock.instant());
    } else if (form && response.getStatus() == HttpServletResponse.SC_OK) {
      throttle.succeeded(client, user);
    }
  }

  private static boolean basicAuthorization(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /** the user of a Basic header, or null when it cannot be read (the client's own count still applies) */
  static String basicUser(String header) {
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon > 0 ? decoded.substring(0, colon) : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  static String formField(byte[] body, String name) {
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && name.equals(pair.substring(0, eq))) {
        try {
          String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          return value.isEmpty() ? null : value;
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }
}
