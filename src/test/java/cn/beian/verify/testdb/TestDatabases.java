package cn.beian.verify.testdb;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The database of this test run, and fresh databases for tests that need one of their own.
 *
 * <p>{@code ./mvnw verify} runs the suite twice: on H2 (the embedded default) and, with
 * {@code -Dbeian.test.database=postgresql}, on a throwaway PostgreSQL the tests start themselves
 * ({@link TestPostgres}). On PostgreSQL every Spring test context gets a database of its own
 * ({@link FreshDatabasePerContext}), as each gets its own private in-memory H2 on H2.
 *
 * <p>Tags: a test that runs the application (a Spring context, or nodes it starts itself) carries {@link #TAG}
 * (the base classes and annotations of the integration tests do) and runs on both databases; one that cannot run
 * on PostgreSQL says why with {@link H2Only}; {@link #POSTGRESQL_ONLY} marks a test that needs a database several
 * nodes share (only the PostgreSQL run executes it); {@link #BROWSER} tests run on H2 only, as what they test is
 * the page, not the database.
 */
public final class TestDatabases {
  /** runs on H2 and on PostgreSQL */
  public static final String TAG = "database";
  public static final String H2_ONLY = "h2-only";
  public static final String POSTGRESQL_ONLY = "postgresql-only";
  public static final String BROWSER = "browser";

  /** the system property that selects PostgreSQL for the run */
  static final String SELECTOR = "beian.test.database";

  private TestDatabases() {
  }

  /** whether this test run is the PostgreSQL run */
  public static boolean postgresql() {
    String selected = System.getProperty(SELECTOR, "h2");
    return switch (selected) {
      case "h2" -> false;
      case "postgresql" -> true;
      default -> throw new IllegalStateException("-D" + SELECTOR + "=" + selected + ": h2 or postgresql");
    };
  }

  /**
   * A new, empty database of this run's kind: a private in-memory H2, or a new database on the test PostgreSQL.
   * Nodes started on it with {@link ApplicationNodes} share it.
   */
  public static TestDatabase fresh(String purpose) {
    return postgresql() ? freshPostgresql(purpose) : freshH2();
  }

  /** a new, empty database on the test PostgreSQL (started on first use), whatever this run's kind */
  public static TestDatabase freshPostgresql(String purpose) {
    return TestPostgres.server().createDatabase(purpose);
  }

  /**
   * The embedded default's own database, a file, in a directory of the test's: application.yaml's
   * {@code spring.datasource.url} with only the file's place changed, so a test of what survives a crash tests the
   * settings the product ships with (WRITE_DELAY among them).
   */
  public static TestDatabase h2File(Path directory) {
    String url = ShippedSettings.value("spring.datasource.url");
    String shipped = "jdbc:h2:file:./data/beian;";
    if (!url.startsWith(shipped)) {
      throw new IllegalStateException("application.yaml's spring.datasource.url is no longer " + shipped + "…: " + url);
    }
    return new TestDatabase("jdbc:h2:file:" + directory.resolve("beian").toAbsolutePath() + url.substring(shipped.length() - 1),
        ShippedSettings.value("spring.datasource.username"), ShippedSettings.value("spring.datasource.password"));
  }

  /** a private in-memory H2 database that lives as long as the JVM, in the test profile's mode */
  public static TestDatabase freshH2() {
    return new TestDatabase("jdbc:h2:mem:beian-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;MODE=LEGACY",
        "sa", "");
  }
}
