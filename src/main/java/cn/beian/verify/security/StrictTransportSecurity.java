package cn.beian.verify.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HSTS on every answer of the product (the public page, the APIs, engine REST), when {@code beian.hsts.enabled}
 * (prod). Camunda's webapps send their own from {@code camunda.bpm.webapp.header-security} (set alike in
 * application-prod.yaml); this filter covers the paths Camunda's filter is not mapped to.
 */
@Configuration
@ConditionalOnProperty(name = "beian.hsts.enabled", havingValue = "true")
public class StrictTransportSecurity {

  /**
   * @param enabled send Strict-Transport-Security (prod: the product is only reached over HTTPS)
   * @param maxAge how long browsers keep to HTTPS
   */
  @ConfigurationProperties("beian.hsts")
  public record HstsProperties(@DefaultValue("false") boolean enabled, @DefaultValue("P365D") Duration maxAge) {}

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> strictTransportSecurityFilter(HstsProperties properties) {
    String value = "max-age=" + properties.maxAge().toSeconds();
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        response.setHeader("Strict-Transport-Security", value);
        chain.doFilter(request, response);
      }
    });
    registration.setName("strict-transport-security");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
