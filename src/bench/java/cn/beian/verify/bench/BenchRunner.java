package cn.beian.verify.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringBootVersion;

/**
 * The benchmark (docs/benchmarks.md). {@code ./mvnw -Pbench verify -Dbench.scenario=counts|lifecycle|baseline-ab|growth|
 * noon|lateness|twonode|all -Dbench.db=h2|postgres|h2,postgres}; every scale is a system property (see the bench profile
 * in pom.xml). Writes a markdown report to
 * target/bench/report-*.md (and prints it) and the latency plot to target/bench/latency-vs-inflight.png.
 */
public final class BenchRunner {
  static final String[] ALL = {"counts", "lifecycle", "baseline-ab", "growth", "noon", "lateness", "twonode"};

  private BenchRunner() {}

  static String prop(String name, String fallback) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  static int intProp(String name, int fallback) {
    return Integer.parseInt(prop(name, String.valueOf(fallback)));
  }

  static Duration durationProp(String name, String fallback) {
    return Duration.parse(prop(name, fallback));
  }

  /** extra application properties: -Dbench.app=key=value,key=value ("none": nothing) */
  static Map<String, String> appOverrides() {
    Map<String, String> extra = new LinkedHashMap<>();
    String raw = prop("bench.app", "none");
    if (!raw.equals("none")) {
      for (String kv : raw.split(",")) {
        int eq = kv.indexOf('=');
        extra.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return extra;
  }

  static String loadAverage() {
    return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** the load average over 1, 5 and 15 minutes, as uptime prints it */
  static String loadAverages() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (Exception e) {
      return loadAverage();
    }
  }

  static String machine() throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    String cpu = "?";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.exists(info)) {
      cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    }
    return String.format("%d cores (%s), %.1f GiB RAM, %s %s; Java %s (%s), heap max %.1f GiB; Spring Boot %s, "
            + "Camunda %s, H2 %s", Runtime.getRuntime().availableProcessors(), cpu,
        os.getTotalMemorySize() / (1024.0 * 1024 * 1024), System.getProperty("os.name"), System.getProperty("os.version"),
        Runtime.version(), System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024),
        SpringBootVersion.getVersion(), org.camunda.bpm.engine.ProcessEngine.class.getPackage().getImplementationVersion(),
        org.h2.engine.Constants.FULL_VERSION);
  }

  static String command(Set<String> scenarios) {
    StringBuilder s = new StringBuilder("./mvnw -Pbench verify -Dbench.scenario=" + String.join(",", scenarios));
    for (String p : List.of("bench.threads", "bench.rate", "bench.duration", "bench.warmup", "bench.alternations",
        "bench.phase", "bench.inflight", "bench.growth.rate", "bench.growth.samples", "bench.growth.warmup",
        "bench.seed.threads", "bench.noon.n", "bench.lateness.n", "bench.lateness.window", "bench.app", "bench.db",
        "bench.counts.n", "bench.counts.warmup")) {
      if (System.getProperty(p) != null) {
        s.append(" -D").append(p).append('=').append(System.getProperty(p));
      }
    }
    return s.toString();
  }

  public static void main(String[] args) throws Exception {
    Set<String> scenarios = new LinkedHashSet<>();
    for (String s : prop("bench.scenario", "all").split(",")) {
      if (s.trim().equals("all")) {
        scenarios.addAll(Arrays.asList(ALL));
      } else if (Arrays.asList(ALL).contains(s.trim())) {
        scenarios.add(s.trim());
      } else {
        throw new IllegalArgumentException("unknown scenario " + s + "; one of " + Arrays.toString(ALL) + " or all");
      }
    }
    Map<String, String> extra = appOverrides();
    StringBuilder report = new StringBuilder();
    report.append("# Benchmark run ").append(OffsetDateTime.now(ZoneId.of("Asia/Shanghai"))
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
    report.append("Command: `").append(command(scenarios)).append("`\n\n");
    report.append("Machine: ").append(machine()).append("; load average at start ").append(loadAverages())
        .append("\n\n");
    Path out = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(out);
    List<BenchDatabase> dbs = BenchDatabase.parse(prop("bench.db", "h2"));
    Summary summary = new Summary();
    try {
      for (BenchDatabase db : dbs) {
        Scenarios runner = new Scenarios(report, extra, out, db, summary);
        if (scenarios.contains("counts")) {
          runner.counts();
        }
        if (scenarios.contains("lifecycle") || scenarios.contains("baseline-ab")) {
          runner.lifecycleAndBaseline(scenarios.contains("lifecycle"), scenarios.contains("baseline-ab"));
        }
        if (scenarios.contains("growth")) {
          runner.growth();
        }
        if (scenarios.contains("noon")) {
          runner.noon();
        }
        if (scenarios.contains("lateness")) {
          runner.lateness();
        }
        if (scenarios.contains("twonode")) {
          runner.twoNodes();
        }
      }
    } finally {
      report.append("\n## Side by side\n\n").append(summary.table(dbs));
      report.append("\nLoad average at end ").append(loadAverages()).append("\n");
      Path file = out.resolve("report-" + System.currentTimeMillis() + ".md");
      Files.writeString(file, report);
      System.out.println("\n" + report);
      System.out.println("report written to " + file.toAbsolutePath());
    }
    System.exit(0);
  }
}
