package cn.beian.verify.process.staff;

import cn.beian.verify.kernel.Texts;
import cn.beian.verify.process.identity.InitialAdministrator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda Admin's "create the first administrator" page and API are never served, in any profile. Camunda offers
 * them to anyone while no user is in camunda-admin, so on an empty production database the first visitor became
 * administrator (issue 10). Administrators come from the directory's camunda-admin group, from
 * BEIAN_ADMIN_USER/BEIAN_ADMIN_PASSWORD ({@link InitialAdministrator}) or, in the demo, from the demo accounts.
 */
@Configuration
public class AdminSetupGuard {
  private static final Logger LOG = LoggerFactory.getLogger(AdminSetupGuard.class);

  @Bean
  FilterRegistrationBean<SetupRefusal> adminSetupRefusal(CamundaBpmProperties camunda, ObjectMapper json) {
    String app = camunda.getWebapp().getApplicationPath();
    FilterRegistrationBean<SetupRefusal> registration = new FilterRegistrationBean<>(new SetupRefusal(app, json));
    registration.setName("admin-setup-refusal");
    registration.addUrlPatterns(app + "/api/admin/*", app + "/app/admin/*");
    // ahead of Camunda's own webapp filters (CSRF, authentication), which are registered without an order
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static final class SetupRefusal extends OncePerRequestFilter {
    private final Pattern setup;
    private final ObjectMapper json;

    SetupRefusal(String applicationPath, ObjectMapper json) {
      String app = Pattern.quote(applicationPath);
      // the decoded, normalized path: %73etup, //, /./ and ;params have been resolved by the container already
      this.setup = Pattern.compile(app + "/api/admin/setup(/.*)?|" + app + "/app/admin/[^/]+/setup(/.*)?");
      this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
      if (!setup.matcher(path).matches()) {
        chain.doFilter(request, response);
        return;
      }
      LOG.warn("Refused Camunda's administrator setup ({} {}) from {}", request.getMethod(), path, request.getRemoteAddr());
      SecurityProblems.write(request, response, json, HttpStatus.FORBIDDEN, Texts.text("staff.adminSetup.title"),
          Texts.text("staff.adminSetup.detail"));
    }
  }
}
