package cn.beian.verify.portal;

import cn.beian.verify.kernel.Problems;
import cn.beian.verify.kernel.TooManyRequestsException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-client limits of the public endpoints (docs/http-contract.md §2): checks and resend requests, and puzzles,
 * per client address. They need nothing from the body, so they are taken here, before the body is read; a request over
 * one is answered 429 with Retry-After and never reaches a controller. The per-phone limits need the normalised phone
 * of the body: the controller applies them ({@link PhoneLimits}).
 */
public class PublicRateLimitFilter extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(PublicRateLimitFilter.class);
  static final String CHECKS = "/api/v1/sms-verifications", RESENDS = "/api/v1/sms-resends", CAPTCHA = "/api/v1/captcha";

  private final RateLimitProperties properties;
  private final RequestBuckets clients;
  private final RequestBuckets puzzles;
  private final ClientAddresses addresses;
  private final Problems problems;

  public PublicRateLimitFilter(RateLimitProperties properties, RequestBuckets clients, RequestBuckets puzzles,
      Problems problems) {
    this.properties = properties;
    this.clients = clients;
    this.puzzles = puzzles;
    this.addresses = new ClientAddresses(properties.trustedProxies());
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !properties.enabled();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String client = addresses.of(request);
    Optional<Duration> wait = Optional.empty();
    String why = null;
    if (path.equals(CAPTCHA) || path.startsWith(CAPTCHA + "/")) {
      wait = puzzles.tryTake(client);
      why = "limits.puzzles";
    } else if ("POST".equals(request.getMethod()) && (path.equals(CHECKS) || path.equals(RESENDS))) {
      wait = clients.tryTake(client);
      why = "limits.client";
    }
    if (wait.isPresent()) {
      tooMany(request, response, new TooManyRequestsException(problems.text(why), wait.get()));
      return;
    }
    chain.doFilter(request, response);
  }

  private void tooMany(HttpServletRequest request, HttpServletResponse response, TooManyRequestsException e)
      throws IOException {
    LOG.info("Public endpoint limit reached; retry after {} s", e.retryAfterSeconds());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    problems.write(request, response, problems.tooMany(e));
  }
}
