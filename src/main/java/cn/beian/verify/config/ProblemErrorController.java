package cn.beian.verify.config;

import cn.beian.verify.kernel.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page of the servlet container ({@code /error}, instead of Spring Boot's JSON or HTML "Whitelabel" page):
 * whatever reached it — a status sent by a filter or servlet, an exception that escaped one — is answered as a problem
 * document, for any method and any Accept header. Asked for directly, it does not exist (404).
 */
@Controller
public class ProblemErrorController implements ErrorController {
  private final Problems problems;

  public ProblemErrorController(Problems problems) {
    this.problems = problems;
  }

  @RequestMapping("${server.error.path:${error.path:/error}}")
  public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatusCode status = code instanceof Integer value && value >= 400 && value <= 599
        ? Problems.refusal(value) : HttpStatus.NOT_FOUND;
    ProblemDetail problem = problems.of(status, problems.detail(status));
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      try {
        problem.setInstance(URI.create(uri));
      } catch (IllegalArgumentException notAUri) {
        // answered without it
      }
    }
    // whatever a filter or servlet had set for its own answer does not belong to this one
    response.resetBuffer();
    problems.write(request, response, problem);
  }
}
