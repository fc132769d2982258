package cn.beian.verify.config;

import cn.beian.verify.kernel.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * TRACE is answered 405 on every path, as a problem document. Tomcat refuses TRACE itself, but before any valve or
 * servlet, with an empty body; so the connector lets it through (ErrorResponsesConfiguration) and this filter, first
 * in the chain, refuses it before anything could echo the request back (cross-site tracing).
 */
class TraceRefusalFilter extends OncePerRequestFilter {
  private final Problems problems;

  TraceRefusalFilter(Problems problems) {
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"TRACE".equalsIgnoreCase(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    problems.write(request, response, problems.of(HttpStatus.METHOD_NOT_ALLOWED,
        problems.text("problem.detail.trace")));
  }
}
