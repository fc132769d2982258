package cn.beian.verify.testdb;

import cn.beian.verify.BeianVerifyApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A whole application node started by a test on a database it chooses, beside (not through) the Spring test
 * context cache: several nodes on one {@link TestDatabase} form a cluster, a node started on the database another
 * one wrote shows what a restart sees. Each node has its own process engine name (Camunda's engine registry is
 * JVM-wide; no hyphen, Camunda ignores such names) and listens on a random port on 127.0.0.1.
 *
 * <pre>
 * TestDatabase db = TestDatabases.fresh("cluster");          // or freshPostgresql(…) for a shared PostgreSQL
 * try (ApplicationNode a = ApplicationNode.on(db).property("camunda.bpm.job-execution.enabled", "true").start();
 *      ApplicationNode b = ApplicationNode.on(db).start()) {
 *   a.bean(FilingService.class)…; b.port()…
 * }
 * </pre>
 *
 * Defaults: profiles {@code demo,test} (application-test.yaml: fixed test keys, job executor off, SMS dispatched
 * inline, no captcha, no rate limits); every property can be overridden with {@link Builder#property}.
 */
public final class ApplicationNode implements AutoCloseable {
  private static final AtomicInteger NODES = new AtomicInteger();

  private final String engineName;
  private final ConfigurableApplicationContext context;

  private ApplicationNode(String engineName, ConfigurableApplicationContext context) {
    this.engineName = engineName;
    this.context = context;
  }

  public static Builder on(TestDatabase database) {
    return new Builder(database);
  }

  public String engineName() {
    return engineName;
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public JdbcTemplate jdbc() {
    return context.getBean(JdbcTemplate.class);
  }

  /** the HTTP port (web nodes only) */
  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** a graceful stop; a node that dies is the crash test's business (a separate process) */
  @Override
  public void close() {
    context.close();
  }

  /** what every node a test starts has, in this JVM or its own, unless the test says otherwise */
  static Map<String, String> localDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("server.port", "0");
    defaults.put("server.address", "127.0.0.1");
    // no Camunda webapps unless a test asks for them: closing a node that runs them resets their JVM-wide state,
    // which breaks the webapps of every test context still running in this JVM (AdminContainerBootstrap)
    defaults.put("camunda.bpm.webapp.enabled", "false");
    // a management server of its own on a free port, never the default one another node already holds
    defaults.put("management.server.port", "0");
    return defaults;
  }

  public static final class Builder {
    private final TestDatabase database;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String[] profiles = {"demo", "test"};
    private String engineName;

    private Builder(TestDatabase database) {
      this.database = database;
    }

    public Builder profiles(String... profiles) {
      this.profiles = profiles.clone();
      return this;
    }

    /** overrides anything application*.yaml says (passed as a command-line argument) */
    public Builder property(String name, String value) {
      properties.put(name, value);
      return this;
    }

    public Builder properties(Map<String, String> values) {
      properties.putAll(values);
      return this;
    }

    public Builder engineName(String name) {
      if (name.contains("-")) {
        throw new IllegalArgumentException("Camunda ignores engine names with a hyphen: " + name);
      }
      this.engineName = name;
      return this;
    }

    /** starts the node; a node that fails to start throws what Spring Boot threw */
    public ApplicationNode start() {
      String engine = engineName != null ? engineName : "node" + NODES.incrementAndGet();
      Map<String, String> all = new LinkedHashMap<>(localDefaults());
      all.put("camunda.bpm.process-engine-name", engine);
      all.putAll(database.properties());
      all.putAll(properties);
      List<String> args = new ArrayList<>();
      all.forEach((name, value) -> args.add("--" + name + "=" + value));
      ConfigurableApplicationContext context = new SpringApplicationBuilder(BeianVerifyApplication.class)
          .profiles(profiles).run(args.toArray(String[]::new));
      return new ApplicationNode(engine, context);
    }
  }
}
