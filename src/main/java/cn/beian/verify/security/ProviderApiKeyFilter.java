package cn.beian.verify.security;

import cn.beian.verify.kernel.Texts;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates access providers by their {@code X-Api-Key} (docs/http-contract.md §1): a missing or unknown key
 * answers 401 before any controller runs; a known key puts the provider's id into the request for the controller.
 */
public class ProviderApiKeyFilter extends OncePerRequestFilter {
  public static final String HEADER = "X-Api-Key";
  /** request attribute holding the authenticated provider's id */
  public static final String PROVIDER_ID = "cn.beian.verify.security.ProviderApiKeyFilter.providerId";

  private final ProviderApiKeys keys;
  private final ObjectMapper json;

  public ProviderApiKeyFilter(ProviderApiKeys keys, ObjectMapper json) {
    this.keys = keys;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    var provider = keys.authenticate(key);
    if (provider.isEmpty()) {
      unauthorized(request, response, key == null || key.isBlank()
          ? Texts.text("provider.apiKey.missing", HEADER)
          : Texts.text("provider.apiKey.unknown", HEADER));
      return;
    }
    request.setAttribute(PROVIDER_ID, provider.get().id());
    chain.doFilter(request, response);
  }

  private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
    problem.setTitle(Texts.text("problem.title.401"));
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
