package cn.beian.verify.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The product's one way of answering an error (docs/http-contract.md): an RFC 9457 problem document,
 * {@code application/problem+json}, with a Chinese {@code title} and {@code detail} and, for bad input, {@code errors}
 * [{field, message}]. Controller advice answers with {@link #entity}; filters and the error page write with
 * {@link #write}.
 */
@Component
public class Problems {
  private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

  private final MessageSource messages;
  private final ObjectMapper json;

  public Problems(MessageSource messages, ObjectMapper json) {
    this.messages = messages;
    this.json = json;
  }

  /** a problem with the status's Chinese title and the given detail */
  public ProblemDetail of(HttpStatusCode status, String detail) {
    return problem(status, title(status), detail);
  }

  /** a problem with its own title and detail (both in Chinese) */
  public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  /** bad input: 400 naming each field */
  public static ProblemDetail invalid(String title, String detail, List<FieldError> errors) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title, detail);
    problem.setProperty("errors", List.copyOf(errors));
    return problem;
  }

  /** over an abuse limit: 429 with the wait, in the detail and as {@code retryAfterSeconds} (the caller sets Retry-After) */
  public ProblemDetail tooMany(TooManyRequestsException e) {
    long seconds = e.retryAfterSeconds();
    ProblemDetail problem = of(HttpStatus.TOO_MANY_REQUESTS,
        e.getMessage() + text("problem.detail.retry-after", Long.toString(seconds)));
    problem.setProperty("retryAfterSeconds", seconds);
    return problem;
  }

  /** the text under {@code key} in messages.properties, {@code {0}}, {@code {1}} … replaced by the arguments */
  public String text(String key, Object... arguments) {
    return messages.getMessage(key, arguments, CHINESE);
  }

  /** the Chinese title of a status: {@code problem.title.<status>}, else that of its class (4xx, 5xx) */
  public String title(HttpStatusCode status) {
    return byStatus("problem.title.", status);
  }

  /** the generic Chinese detail of a status: {@code problem.detail.<status>}, else that of its class */
  public String detail(HttpStatusCode status) {
    return byStatus("problem.detail.", status);
  }

  private String byStatus(String prefix, HttpStatusCode status) {
    try {
      return messages.getMessage(prefix + status.value(), null, CHINESE);
    } catch (NoSuchMessageException none) {
      return messages.getMessage(prefix + (status.is5xxServerError() ? "5xx" : "4xx"), null, CHINESE);
    }
  }

  /**
   * the status a refusal is answered with: a method the server does not implement (Tomcat's 501 for CONNECT, a
   * servlet's for a method it does not know) is the client's mistake, answered 405 — a 5xx would say the product
   * failed
   */
  public static HttpStatusCode refusal(int status) {
    return HttpStatusCode.valueOf(status == HttpStatus.NOT_IMPLEMENTED.value() ? HttpStatus.METHOD_NOT_ALLOWED.value()
        : status);
  }

  /** the answer of an exception handler: status and content type set, so that no Accept header can turn it into a 406 */
  public static ResponseEntity<Object> entity(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** writes the problem as the whole response, for code that runs outside Spring MVC (filters, the error page) */
  public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
    if (problem.getInstance() == null) {
      instanceOf(request).ifPresent(problem::setInstance);
    }
    response.setStatus(problem.getStatus());
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  /** the problem as JSON text, for writers that are not servlet responses (Tomcat's error report valve) */
  public String json(ProblemDetail problem) {
    try {
      return json.writeValueAsString(problem);
    } catch (IOException e) {
      throw new IllegalStateException("a problem document is always serialisable", e);
    }
  }

  private static Optional<URI> instanceOf(HttpServletRequest request) {
    try {
      return Optional.of(URI.create(request.getRequestURI()));
    } catch (IllegalArgumentException notAUri) {
      // the container let through a path that is not a valid URI: the problem is still answered, without it
      return Optional.empty();
    }
  }
}
