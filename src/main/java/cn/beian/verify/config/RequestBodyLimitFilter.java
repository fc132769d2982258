package cn.beian.verify.config;

import cn.beian.verify.kernel.Problems;
import cn.beian.verify.kernel.ReplayedBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The body size limit of the product's API ({@code beian.http.max-body-size}): a body that says it is larger, or
 * turns out larger while being read, is answered 413 before any controller sees it. The body is read here in full
 * (it is small by then) and handed on, so every later reader sees exactly the same bytes.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestBodyLimitFilter.class);

  private final int maxBytes;
  private final Problems problems;

  public RequestBodyLimitFilter(HttpInputProperties properties, Problems problems) {
    this.maxBytes = (int) properties.maxBodySize().toBytes();
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    boolean hasBody = declared > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    if (!hasBody) {
      chain.doFilter(request, response);
      return;
    }
    if (declared > maxBytes) {
      tooLarge(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      tooLarge(request, response);
      return;
    }
    chain.doFilter(new ReplayedBody(request, body), response);
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    LOG.info("Request body over {} bytes refused: {} {}", maxBytes, request.getMethod(), request.getRequestURI());
    // the rest of the body is not read: the connection is closed instead of draining it
    response.setHeader(HttpHeaders.CONNECTION, "close");
    problems.write(request, response, problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
        problems.text("problem.detail.body-too-large", Integer.toString(maxBytes / 1024))));
  }
}
