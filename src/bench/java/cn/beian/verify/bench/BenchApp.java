package cn.beian.verify.bench;

import cn.beian.verify.BeianVerifyApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The product started in this JVM as it ships in the demo profile: a fresh database ({@link BenchDatabase}: an H2 file
 * under target/bench or a database on the test suite's PostgreSQL), the job executor on with application.yaml's
 * settings, a random port; only captcha and rate limits are off.
 */
final class BenchApp implements AutoCloseable {
  final ConfigurableApplicationContext context;
  final String baseUrl;
  final Path dir;
  final Map<String, String> overrides;

  final BenchDatabase db;
  /** null: the default engine */
  final String engineName;
  /** the spring.datasource properties this node runs on (another node may share them) */
  final Map<String, String> database;

  private BenchApp(ConfigurableApplicationContext context, Path dir, Map<String, String> overrides, BenchDatabase db,
      String engineName, Map<String, String> database) {
    this.context = context;
    this.dir = dir;
    this.overrides = overrides;
    this.db = db;
    this.engineName = engineName;
    this.database = database;
    int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    this.baseUrl = "http://localhost:" + port;
  }

  /** starts the product on a fresh database of {@code db}; {@code extra} are application properties on top */
  static BenchApp start(String name, BenchDatabase db, Map<String, String> extra) throws Exception {
    return start(name, db, extra, null, null);
  }

  /**
   * starts the product; {@code counter}: every statement through its DataSource is counted; {@code node}: the engine
   * name of one of several nodes in this JVM (Camunda's engine registry is JVM-wide), null for the default engine
   */
  static BenchApp start(String name, BenchDatabase db, Map<String, String> extra, SqlCounter counter, Node node)
      throws Exception {
    Path dir = Path.of("target", "bench", name + "-" + System.currentTimeMillis()).toAbsolutePath();
    Files.createDirectories(dir);
    Map<String, String> database = node != null ? node.database() : db.fresh(name, dir);
    return start(dir, db, database, extra, counter, node);
  }

  /** one of several nodes on one database: its engine name, the database and the (development) keys they share */
  record Node(String engineName, Map<String, String> database, Path keyFile) {}

  private static BenchApp start(Path dir, BenchDatabase db, Map<String, String> database, Map<String, String> extra,
      SqlCounter counter, Node node) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.profiles.active", "demo");
    props.put("server.port", "0");
    // the management port too: two benchmarks on one machine must not compete for 8081
    props.put("management.server.port", "0");
    props.putAll(database);
    // nodes of one database share its keys (config/KeyCheck refuses a node with others)
    props.put("beian.secrets.dev-key-file", (node != null ? node.keyFile() : dir.resolve("dev-secrets.properties"))
        .toString());
    props.put("beian.captcha.enabled", "false");
    props.put("beian.rate-limits.enabled", "false");
    props.put("logging.level.root", "WARN");
    props.put("logging.level.cn.beian.verify.config", "WARN");
    props.put("spring.main.banner-mode", "off");
    if (node != null) {
      props.put("camunda.bpm.process-engine-name", node.engineName());
      // the job log says which node ran a job
      props.put("camunda.bpm.generic-properties.properties.hostname", node.engineName());
      // Camunda's webapps keep JVM-wide state: with two nodes in one JVM neither serves them (the benchmark uses none)
      props.put("camunda.bpm.webapp.enabled", "false");
    }
    Map<String, String> overrides = new LinkedHashMap<>(extra);
    props.putAll(overrides);
    SpringApplication app = new SpringApplication(BeianVerifyApplication.class);
    if (counter != null) {
      app.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(new CountingDataSource(counter)));
    }
    if (overrides.getOrDefault("camunda.bpm.history-level", "").startsWith(BenchHistoryLevels.PREFIX)) {
      // a tuning experiment: the engine picks process engine plugins up from the context
      app.addInitializers(context -> context.getBeanFactory().registerSingleton("benchHistoryLevels",
          new BenchHistoryLevels()));
    }
    // default properties rank below application.yaml: pass the benchmark's as command-line arguments instead
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext context = app.run(args);
    return new BenchApp(context, dir, overrides, db, node == null ? null : node.engineName(), database);
  }

  /** wraps the application's DataSource in datasource-proxy, reporting to the counter */
  private record CountingDataSource(SqlCounter counter) implements BeanPostProcessor {
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (bean instanceof DataSource ds && !(bean instanceof ProxyDataSource)) {
        return ProxyDataSourceBuilder.create(ds).name(beanName).listener(counter).methodListener(counter).build();
      }
      return bean;
    }
  }

  /** the engine REST base path of this node's engine */
  String engineRest() {
    return engineName == null ? "/engine-rest" : "/engine-rest/engine/" + engineName;
  }

  JdbcTemplate jdbc() {
    return context.getBean(JdbcTemplate.class);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  ProcessEngineConfigurationImpl engineConfiguration() {
    return (ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class).getProcessEngineConfiguration();
  }

  /** history level and job executor settings as the running engine has them */
  String settings() {
    ProcessEngineConfigurationImpl cfg = engineConfiguration();
    JobExecutor je = cfg.getJobExecutor();
    StringBuilder s = new StringBuilder();
    s.append("history level ").append(cfg.getHistoryLevel().getName());
    s.append("; job executor active=").append(je.isActive());
    s.append(", maxJobsPerAcquisition=").append(je.getMaxJobsPerAcquisition());
    s.append(", waitTimeInMillis=").append(je.getWaitTimeInMillis());
    s.append(", maxWait=").append(je.getMaxWait());
    s.append(", lockTimeInMillis=").append(je.getLockTimeInMillis());
    if (je instanceof DefaultJobExecutor) {
      s.append(" (DefaultJobExecutor)");
    } else {
      s.append(" (").append(je.getClass().getSimpleName()).append(")");
    }
    var env = context.getEnvironment();
    s.append(", core/max pool ").append(env.getProperty("camunda.bpm.job-execution.core-pool-size")).append('/')
        .append(env.getProperty("camunda.bpm.job-execution.max-pool-size"));
    s.append(", queue ").append(env.getProperty("camunda.bpm.job-execution.queue-capacity"));
    s.append("; jobExecutorAcquireByPriority=").append(cfg.isJobExecutorAcquireByPriority());
    s.append(", jobExecutorPreferTimerJobs=").append(cfg.isJobExecutorPreferTimerJobs());
    s.append(", jobExecutorAcquireByDueDate=").append(cfg.isJobExecutorAcquireByDueDate());
    s.append("; database ").append(databaseVersion());
    String url = env.getProperty("spring.datasource.url", "");
    if (db == BenchDatabase.H2) {
      s.append(" with settings ").append(url.contains(";") ? url.substring(url.indexOf(';') + 1) : "(none)");
    }
    s.append("; hikari maximum-pool-size ").append(env.getProperty("spring.datasource.hikari.maximum-pool-size"));
    s.append("; window ").append(env.getProperty("beian.verification.window"));
    if (!overrides.isEmpty()) {
      s.append("; overrides ").append(overrides);
    }
    return s.toString();
  }

  /** H2's or the PostgreSQL server's version, and for PostgreSQL the settings that decide what a commit costs */
  String databaseVersion() {
    if (db == BenchDatabase.H2) {
      return "H2 " + org.h2.engine.Constants.FULL_VERSION;
    }
    return jdbc().queryForObject("SELECT 'PostgreSQL ' || current_setting('server_version') || ' (fsync '"
        + " || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit')"
        + " || ', shared_buffers ' || current_setting('shared_buffers') || ')'", String.class);
  }

  long count(String sql, Object... args) {
    Long n = jdbc().queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }

  @Override
  public void close() {
    context.close();
  }
}
