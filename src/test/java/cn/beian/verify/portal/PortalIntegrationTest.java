package cn.beian.verify.portal;

import cn.beian.verify.DefaultEngineOfTheContext;
import cn.beian.verify.testdb.TestDatabases;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The one context of the public page's tests (Spring caches it across their classes): the shared HTTP context's
 * setup with the captcha ON and the abuse limits ON. Client limits are raised (every test request comes from
 * 127.0.0.1) and the SMS limits set so that the second resend within the hour is refused.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "beian.captcha.enabled=true",
    "beian.rate-limits.enabled=true",
    "beian.rate-limits.per-client-per-minute=1000",
    "beian.rate-limits.per-client-per-hour=10000",
    "beian.rate-limits.puzzles-per-client-per-minute=1000",
    "beian.rate-limits.puzzles-per-client-per-hour=10000",
    "beian.rate-limits.sms-per-minute=5",
    "beian.rate-limits.sms-per-hour=2"})
@ActiveProfiles({"demo", "test"})
@TestExecutionListeners(listeners = DefaultEngineOfTheContext.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@Tag(TestDatabases.TAG)
public @interface PortalIntegrationTest {
}
