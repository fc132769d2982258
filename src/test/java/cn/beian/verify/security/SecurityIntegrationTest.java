package cn.beian.verify.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** One Spring context for every security test (same properties, so Spring caches it): demo accounts, in-memory H2, no job executor. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:beian-security-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
    "camunda.bpm.job-execution.enabled=false",
    // the engine creates its tables during web server start, before Flyway runs (a skeleton issue, see report):
    // baselining at 0 still applies V1 when the schema is not empty
    "spring.flyway.baseline-on-migrate=true",
    "spring.flyway.baseline-version=0"
})
@ActiveProfiles("demo")
public @interface SecurityIntegrationTest {
}
