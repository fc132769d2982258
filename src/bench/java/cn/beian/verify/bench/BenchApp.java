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
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The product started in this JVM as it ships in the demo profile: an H2 FILE database (fresh under target/bench),
 * the job executor on with application.yaml's settings, a random port; only captcha and rate limits are off.
 */
final class BenchApp implements AutoCloseable {
  final ConfigurableApplicationContext context;
  final String baseUrl;
  final Path dir;
  final Map<String, String> overrides;

  private BenchApp(ConfigurableApplicationContext context, Path dir, Map<String, String> overrides) {
    this.context = context;
    this.dir = dir;
    this.overrides = overrides;
    int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    this.baseUrl = "http://localhost:" + port;
  }

  /** starts the product; {@code extra} are application properties on top of the shipped ones */
  static BenchApp start(String name, Map<String, String> extra) throws Exception {
    Path dir = Path.of("target", "bench", name + "-" + System.currentTimeMillis()).toAbsolutePath();
    Files.createDirectories(dir);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.profiles.active", "demo");
    props.put("server.port", "0");
    // the management port too: two benchmarks on one machine must not compete for 8081
    props.put("management.server.port", "0");
    props.put("spring.datasource.url", shippedDatabaseUrl(dir.resolve("beian")));
    props.put("beian.secrets.dev-key-file", dir.resolve("dev-secrets.properties").toString());
    props.put("beian.captcha.enabled", "false");
    props.put("beian.rate-limits.enabled", "false");
    props.put("logging.level.root", "WARN");
    props.put("logging.level.cn.beian.verify.config", "WARN");
    props.put("spring.main.banner-mode", "off");
    Map<String, String> overrides = new LinkedHashMap<>(extra);
    props.putAll(overrides);
    SpringApplication app = new SpringApplication(BeianVerifyApplication.class);
    app.setDefaultProperties(props);
    // default properties rank below application.yaml: pass the benchmark's as command-line arguments instead
    String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext context = app.run(args);
    return new BenchApp(context, dir, overrides);
  }

  /** application.yaml's H2 URL with all its settings, only the file moved from ./data to the benchmark's directory */
  static String shippedDatabaseUrl(Path file) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    String url = yaml.getObject().getProperty("spring.datasource.url");
    String shippedFile = "jdbc:h2:file:./data/beian;";
    if (url == null || !url.startsWith(shippedFile)) {
      throw new IllegalStateException("application.yaml's datasource URL is not " + shippedFile + "...: " + url);
    }
    return "jdbc:h2:file:" + file + url.substring(shippedFile.length() - 1);
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
    String url = env.getProperty("spring.datasource.url", "");
    s.append("; database settings ").append(url.contains(";") ? url.substring(url.indexOf(';') + 1) : "(none)");
    s.append("; hikari maximum-pool-size ").append(env.getProperty("spring.datasource.hikari.maximum-pool-size"));
    s.append("; window ").append(env.getProperty("beian.verification.window"));
    if (!overrides.isEmpty()) {
      s.append("; overrides ").append(overrides);
    }
    return s.toString();
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
