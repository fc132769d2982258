package cn.beian.verify.portal;

import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.kernel.Problems;
import cn.beian.verify.portal.RequestBuckets.Limit;
import cn.beian.verify.kernel.KeyedHasher;
import io.github.bucket4j.TimeMeter;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The abuse limits of the public endpoints (off with beian.rate-limits.enabled=false): per client in a servlet
 * filter in front of them, per phone in their controller, all buckets in one {@link BucketStore}.
 */
@Configuration
public class RateLimitConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimitConfiguration.class);

  /**
   * the buckets' storage: the database when it is PostgreSQL, so that every node of a cluster draws from the same
   * buckets; this node's memory otherwise (the embedded H2 default: its database file belongs to one process, so it
   * runs as one node, and memory spares it a write per request)
   */
  @Bean
  @ConditionalOnMissingBean
  BucketStore requestBucketStore(DataSource dataSource, KeyedHasher hasher) throws MetaDataAccessException {
    String database = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    if ("PostgreSQL".equals(database)) {
      LOG.info("Request limits: buckets in the database, shared by every node");
      return new JdbcBucketStore(dataSource, hasher);
    }
    LOG.info("Request limits: buckets in this node's memory ({} is a single-node database)", database);
    return new LocalBucketStore(TimeMeter.SYSTEM_NANOTIME);
  }

  @Bean
  PhoneLimits phoneLimits(RateLimitProperties p, BucketStore store, SmsSendLimits sms, PersonalDataHashes hashes,
      Problems problems) {
    RequestBuckets phones = new RequestBuckets("phone", List.of(new Limit(p.perPhonePerMinute(), Duration.ofMinutes(1)),
        new Limit(p.perPhonePerHour(), Duration.ofHours(1))), store);
    return new PhoneLimits(p, phones, sms, hashes, problems);
  }

  @Bean
  FilterRegistrationBean<PublicRateLimitFilter> publicRateLimitFilter(RateLimitProperties p, BucketStore store,
      Problems problems) {
    RequestBuckets clients = new RequestBuckets("client", List.of(new Limit(p.perClientPerMinute(), Duration.ofMinutes(1)),
        new Limit(p.perClientPerHour(), Duration.ofHours(1))), store);
    RequestBuckets puzzles = new RequestBuckets("puzzles", List.of(
        new Limit(p.puzzlesPerClientPerMinute(), Duration.ofMinutes(1)),
        new Limit(p.puzzlesPerClientPerHour(), Duration.ofHours(1))), store);
    FilterRegistrationBean<PublicRateLimitFilter> registration = new FilterRegistrationBean<>(
        new PublicRateLimitFilter(p, clients, puzzles, problems));
    registration.setName("public-rate-limits");
    registration.addUrlPatterns(PublicRateLimitFilter.CHECKS, PublicRateLimitFilter.RESENDS, PublicRateLimitFilter.CAPTCHA,
        PublicRateLimitFilter.CAPTCHA + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    return registration;
  }
}
