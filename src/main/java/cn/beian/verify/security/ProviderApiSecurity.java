package cn.beian.verify.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The access-provider API needs an API key; the rest of the product has its own authentication. */
@Configuration
public class ProviderApiSecurity {

  static final String FILINGS_PATH = "/api/v1/filings";
  /** the change feed of a provider's requests (docs/http-contract.md §1 "Changes") */
  static final String CHANGES_PATH = "/api/v1/filing-changes";

  @Bean
  public FilterRegistrationBean<ProviderApiKeyFilter> providerApiKeyFilter(ProviderApiKeys keys, ObjectMapper json) {
    FilterRegistrationBean<ProviderApiKeyFilter> registration = new FilterRegistrationBean<>(new ProviderApiKeyFilter(keys, json));
    registration.setName("provider-api-key");
    // a servlet path-prefix pattern matches the collection itself as well
    registration.addUrlPatterns(FILINGS_PATH + "/*", CHANGES_PATH + "/*");
    return registration;
  }
}
