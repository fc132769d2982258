package cn.beian.verify.config;

import cn.beian.verify.process.db.ProcessEngineAfterFlyway;
import java.util.Set;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * Makes {@link KeyCheck} a database initializer that runs after Flyway's (detectors of a higher order run later), so
 * that everything that depends on database initialization — the process engine ({@link ProcessEngineAfterFlyway}),
 * the application's JdbcTemplate — is created only after the keys were checked. Registered in
 * META-INF/spring.factories.
 */
public class KeyCheckOrder implements DatabaseInitializerDetector {
  @Override
  public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
    return Set.of(beanFactory.getBeanNamesForType(KeyCheck.class, false, false));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
