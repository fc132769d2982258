package cn.beian.verify.portal;

import cn.beian.verify.verification.PersonalDataHashes;
import cn.beian.verify.verification.PhoneNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The abuse limits of the public endpoints (API.md §2): per client address and per phone on checks and resend
 * requests, per client on puzzles, and the SMS limits per phone on resend requests. Over a limit the answer is a
 * 429 problem document with Retry-After, before any controller runs: no attempt is counted, no captcha spent.
 */
public class PublicRateLimitFilter extends OncePerRequestFilter {
  private static final Logger LOG = LoggerFactory.getLogger(PublicRateLimitFilter.class);
  static final String CHECKS = "/api/v1/sms-verifications", RESENDS = "/api/v1/sms-resends", CAPTCHA = "/api/v1/captcha";
  private static final int MAX_BODY = 16 * 1024;

  private final RateLimitProperties properties;
  private final RequestBuckets clients;
  private final RequestBuckets phones;
  private final RequestBuckets puzzles;
  private final SmsSendLimits sms;
  private final PersonalDataHashes hashes;
  private final ClientAddresses addresses;
  private final ObjectMapper json;

  public PublicRateLimitFilter(RateLimitProperties properties, RequestBuckets clients, RequestBuckets phones,
      RequestBuckets puzzles, SmsSendLimits sms, PersonalDataHashes hashes, ObjectMapper json) {
    this.properties = properties;
    this.clients = clients;
    this.phones = phones;
    this.puzzles = puzzles;
    this.sms = sms;
    this.hashes = hashes;
    this.addresses = new ClientAddresses(properties.trustedProxies());
    this.json = json;
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
    if (path.equals(CAPTCHA) || path.startsWith(CAPTCHA + "/")) {
      Optional<Duration> wait = puzzles.tryTake(client);
      if (wait.isPresent()) {
        tooMany(response, wait.get(), "获取拼图过于频繁,请稍后再试。");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    boolean resend = path.equals(RESENDS);
    if (!"POST".equals(request.getMethod()) || !(resend || path.equals(CHECKS))) {
      chain.doFilter(request, response);
      return;
    }
    Optional<Duration> wait = clients.tryTake(client);
    if (wait.isPresent()) {
      tooMany(response, wait.get(), "操作过于频繁,请稍后再试。");
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    Optional<String> phoneHash = body.length > MAX_BODY ? Optional.empty() : phoneOf(body).map(hashes::phone);
    if (phoneHash.isPresent()) {
      wait = phones.tryTake(phoneHash.get());
      if (wait.isPresent()) {
        tooMany(response, wait.get(), "该手机号码的操作过于频繁,请稍后再试。");
        return;
      }
      if (resend) {
        wait = sms.retryAfter(phoneHash.get());
        if (wait.isPresent()) {
          tooMany(response, wait.get(), "短信发送过于频繁(每个手机号码每分钟最多" + properties.smsPerMinute() + "条、每小时"
              + properties.smsPerHour() + "条、每天" + properties.smsPerDay() + "条),请稍后再试。");
          return;
        }
      }
    }
    // malformed bodies go on: the controller names the faulty fields (400)
    chain.doFilter(new ReplayedBody(request, body), response);
  }

  private Optional<String> phoneOf(byte[] body) {
    try {
      JsonNode phone = json.readTree(body).path("phone");
      return phone.isTextual() ? PhoneNumbers.normalize(phone.asText()) : Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  private void tooMany(HttpServletResponse response, Duration wait, String detail) throws IOException {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    LOG.info("Public endpoint limit reached; retry after {} s", seconds);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "请求过于频繁");
    problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
    problem.put("detail", detail + "请在" + seconds + "秒后重试。");
    problem.put("retryAfterSeconds", seconds);
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  /** the request with its body, already read here, readable again by the controller (also the login throttle's) */
  public static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    public ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
