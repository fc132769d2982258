package cn.beian.verify.portal;

import cn.beian.verify.portal.RequestBuckets.Limit;
import cn.beian.verify.verification.PersonalDataHashes;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The abuse limits of the public endpoints as a servlet filter in front of them (off with beian.rate-limits.enabled=false). */
@Configuration
public class RateLimitConfiguration {

  @Bean
  FilterRegistrationBean<PublicRateLimitFilter> publicRateLimitFilter(RateLimitProperties p, SmsSendLimits sms,
      PersonalDataHashes hashes, ObjectMapper json) {
    TimeMeter time = TimeMeter.SYSTEM_NANOTIME;
    RequestBuckets clients = new RequestBuckets(List.of(new Limit(p.perClientPerMinute(), Duration.ofMinutes(1)),
        new Limit(p.perClientPerHour(), Duration.ofHours(1))), time);
    RequestBuckets phones = new RequestBuckets(List.of(new Limit(p.perPhonePerMinute(), Duration.ofMinutes(1)),
        new Limit(p.perPhonePerHour(), Duration.ofHours(1))), time);
    RequestBuckets puzzles = new RequestBuckets(List.of(new Limit(p.puzzlesPerClientPerMinute(), Duration.ofMinutes(1)),
        new Limit(p.puzzlesPerClientPerHour(), Duration.ofHours(1))), time);
    FilterRegistrationBean<PublicRateLimitFilter> registration = new FilterRegistrationBean<>(
        new PublicRateLimitFilter(p, clients, phones, puzzles, sms, hashes, json));
    registration.setName("public-rate-limits");
    registration.addUrlPatterns(PublicRateLimitFilter.CHECKS, PublicRateLimitFilter.RESENDS, PublicRateLimitFilter.CAPTCHA,
        PublicRateLimitFilter.CAPTCHA + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }
}
