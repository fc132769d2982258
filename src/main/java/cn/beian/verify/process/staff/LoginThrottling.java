package cn.beian.verify.process.staff;

import cn.beian.verify.portal.ClientAddresses;
import cn.beian.verify.portal.RateLimitProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The failed-login throttle in front of the engine REST API and the webapps' login ({@link LoginThrottleFilter}).
 * Client addresses are taken as the public endpoints' limits take them ({@code beian.rate-limits.trusted-proxies}).
 */
@Configuration
@ConditionalOnProperty(name = "beian.login-throttle.enabled", havingValue = "true", matchIfMissing = true)
public class LoginThrottling {

  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottleProperties properties,
      RateLimitProperties rateLimits, CamundaBpmProperties camunda, Clock clock, ObjectMapper json) {
    String webapp = camunda.getWebapp().getApplicationPath();
    LoginThrottleFilter filter = new LoginThrottleFilter(new LoginThrottle(properties),
        new ClientAddresses(rateLimits.trustedProxies()), clock, json, EngineRestSecurity.REST_PATH, webapp);
    FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("login-throttle");
    registration.addUrlPatterns(EngineRestSecurity.REST_PATH + "/*", webapp + "/api/admin/auth/user/*");
    // before the engine REST authentication filter and Camunda's webapp filters: a locked client reaches neither
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
