package cn.beian.verify;

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
 * One Spring context for every test over HTTP (same configuration, so Spring caches it): the demo accounts,
 * the test profile's private in-memory H2 (a PostgreSQL database of its own on the PostgreSQL run) and no job executor (jobs are executed by hand). Its engine is made the
 * JVM's default engine before each class (see {@link DefaultEngineOfTheContext}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@TestExecutionListeners(listeners = DefaultEngineOfTheContext.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@Tag(TestDatabases.TAG)
public @interface SharedHttpContext {
}
