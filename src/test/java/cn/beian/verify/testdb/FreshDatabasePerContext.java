package cn.beian.verify.testdb;

import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * On the PostgreSQL run, every Spring test context the TestContext framework builds gets a new database of its own
 * (contexts must not share state, as on H2 where each has a private in-memory database), unless the test names its
 * own {@code spring.datasource.url}. On both runs, a {@code @SpringBootTest} (the whole application, database
 * included) must be tagged for the database it runs on ({@link TestDatabases}): an untagged one would silently never
 * run on PostgreSQL. Slices without a database ({@code @WebMvcTest}) need no tag.
 * Registered in {@code src/test/resources/META-INF/spring.factories}.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
public class FreshDatabasePerContext implements ContextCustomizerFactory {
  private static final Set<String> DATABASE_TAGS =
      Set.of(TestDatabases.TAG, TestDatabases.H2_ONLY, TestDatabases.POSTGRESQL_ONLY);
  /** where a test's own properties are: {@code @SpringBootTest(properties)}, {@code @DynamicPropertySource} */
  private static final Set<String> TEST_PROPERTY_SOURCES = Set.of("Inlined Test Properties", "Dynamic Test Properties");

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
    boolean wholeApplication = AnnotatedElementUtils.hasAnnotation(testClass, SpringBootTest.class);
    Set<String> tags = tagsOf(testClass);
    if (wholeApplication && tags.stream().noneMatch(DATABASE_TAGS::contains)) {
      throw new IllegalStateException(testClass.getName() + " starts the application but has none of the tags "
          + DATABASE_TAGS + ": tag it @Tag(TestDatabases.TAG) to run it on H2 and PostgreSQL (or extend a base "
          + "class that is), or say why it is H2-only with @H2Only(\"…\")");
    }
    return wholeApplication && TestDatabases.postgresql() ? new OwnDatabase() : null;
  }

  private static Set<String> tagsOf(Class<?> testClass) {
    Set<String> tags = new java.util.HashSet<>();
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      tags.addAll(AnnotationSupport.findRepeatableAnnotations(c, Tag.class).stream().map(Tag::value)
          .collect(Collectors.toSet()));
    }
    return tags;
  }

  /** all equal: which database a context gets does not make it a different configuration for the context cache */
  private static final class OwnDatabase implements ContextCustomizer {
    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
      ConfigurableEnvironment environment = context.getEnvironment();
      for (PropertySource<?> source : environment.getPropertySources()) {
        if (TEST_PROPERTY_SOURCES.contains(source.getName()) && source.containsProperty("spring.datasource.url")) {
          return;
        }
      }
      TestDatabase database = TestDatabases.freshPostgresql("ctx");
      environment.getPropertySources().addFirst(new MapPropertySource("beianTestDatabase",
          new HashMap<>(database.properties())));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof OwnDatabase;
    }

    @Override
    public int hashCode() {
      return OwnDatabase.class.hashCode();
    }
  }
}
