package cn.beian.verify.verification;

import cn.beian.verify.kernel.BusinessZone;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VerificationConfiguration {
  /** the configured zone ({@code beian.verification.zone}) for the capabilities that do not read verification's settings */
  @Bean
  BusinessZone businessZone(VerificationProperties properties) {
    return new BusinessZone(properties.zone());
  }
}
