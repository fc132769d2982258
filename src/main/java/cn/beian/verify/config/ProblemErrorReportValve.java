package cn.beian.verify.config;

import cn.beian.verify.kernel.Problems;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own refusals — a request it rejects before any application sees it (an encoded NUL or slash in the path,
 * a request header over the limit, a path it cannot map) — as problem documents instead of Tomcat's HTML page. It
 * replaces Tomcat's error report valve on the host; errors inside the application go to {@link ProblemErrorController}.
 */
class ProblemErrorReportValve extends ErrorReportValve {
  private final Problems problems;

  ProblemErrorReportValve(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int statusCode = response.getStatus();
    // as Tomcat's valve: only errors, only once, only when nothing was written and the connection can still take it
    if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatusCode status = Problems.refusal(statusCode);
    response.setStatus(status.value());
    ProblemDetail problem = problems.of(status, statusCode == HttpStatus.BAD_REQUEST.value()
        ? problems.text("problem.detail.container") : problems.detail(status));
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(problems.json(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException gone) {
      // the client went away or the response was committed meanwhile: nothing left to tell
    }
  }
}
