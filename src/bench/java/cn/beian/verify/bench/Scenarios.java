package cn.beian.verify.bench;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The measurements of issues 6 and 17 on one database; each appends its section, with its figures, to the report. */
final class Scenarios {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private final StringBuilder report;
  private final Map<String, String> extra;
  private final Path out;
  private final BenchDatabase db;
  private final Summary summary;

  Scenarios(StringBuilder report, Map<String, String> extra, Path out, BenchDatabase db, Summary summary) {
    this.report = report;
    this.extra = extra;
    this.out = out;
    this.db = db;
    this.summary = summary;
  }

  /** a section heading with the database and the load average (1, 5, 15 min) when it starts */
  private void section(String title) {
    report.append("## ").append(title).append(" — ").append(db.label).append("\n\n");
    report.append("Load average at the start: ").append(BenchRunner.loadAverages()).append(".\n\n");
  }

  private void say(String format, Object... args) {
    System.out.printf(format + "%n", args);
  }

  // ---------------------------------------------------------------- lifecycle + baseline A/B (one app, one engine)

  void lifecycleAndBaseline(boolean lifecycle, boolean ab) throws Exception {
    int threads = BenchRunner.intProp("bench.threads", 8);
    Duration warmup = BenchRunner.durationProp("bench.warmup", "PT10S");
    try (BenchApp app = BenchApp.start("lifecycle", db, extra)) {
      Http http = new Http(app.baseUrl);
      Lifecycles.deployBaseline(http, app.engineRest());
      Lifecycles.Lifecycle product = Lifecycles.product(http, app.engineRest());
      Lifecycles.Lifecycle baseline = Lifecycles.baseline(http, app.engineRest());
      section("Settings");
      report.append(app.settings()).append("\n\n");
      say("warm-up %s with %d threads (product, then baseline)", warmup, threads);
      Load.closed(product, threads, warmup, new Stats(Lifecycles.STEPS));
      Load.closed(baseline, threads, warmup.dividedBy(2), new Stats(Lifecycles.STEPS));
      if (lifecycle) {
        lifecycle(app, product, threads);
      }
      if (ab) {
        baselineAb(product, baseline, threads);
      }
    }
  }

  private void lifecycle(BenchApp app, Lifecycles.Lifecycle product, int threads) throws Exception {
    Duration duration = BenchRunner.durationProp("bench.duration", "PT20S");
    String rateProp = BenchRunner.prop("bench.rate", "auto");
    section("Lifecycle (submit → 2 codes from the inbox → verify both → review task → approve)");
    say("lifecycle: closed loop, %d threads, %s", threads, duration);
    Stats closed = new Stats(Lifecycles.STEPS);
    String load0 = BenchRunner.loadAverage();
    Load.Result thr = Load.closed(product, threads, duration, closed);
    // auto: 80 % of the capacity just measured (issue 17: codes p99 ≤ 2 s at 80 % of capacity)
    double rate = rateProp.equals("auto") ? Math.max(0.5, Math.round(thr.perSecond() * 0.8 * 10) / 10.0)
        : Double.parseDouble(rateProp);
    say("lifecycle: open loop at %.1f/s for %s", rate, duration);
    String load1 = BenchRunner.loadAverage();
    Stats open = new Stats(Lifecycles.STEPS);
    Load.Result lat = Load.open(product, rate, duration, open);
    report.append(String.format("Throughput, closed loop, %d client threads, %s: **%.1f lifecycles/s** (%d done, %d "
            + "failed, %.1f s; load average before %s).%n%n", threads, duration, thr.perSecond(), thr.ok(), thr.failed(),
        thr.seconds(), load0));
    report.append("Step latencies in that closed-loop run (coordinated omission NOT corrected):\n\n")
        .append(closed.table()).append('\n');
    report.append(String.format("Latency, open loop at a constant %.1f lifecycles/s%s for %s (%d done, %d failed; "
            + "submit and lifecycle measured from the scheduled start; load average before %s):%n%n", rate,
        rateProp.equals("auto") ? " (80 % of the closed-loop throughput above)" : "", duration, lat.ok(), lat.failed(),
        load1)).append(open.table()).append('\n');
    summary.put("lifecycles/s, closed loop, " + threads + " threads", db, String.format("%.1f", thr.perSecond()));
    summary.put("open loop: rate (lifecycles/s)", db, String.format("%.1f", rate));
    summary.put("open loop: codes p50 / p99 ms", db, String.format("%.0f / %.0f",
        Stats.ms(open.get("codes").getValueAtPercentile(50)), Stats.ms(open.get("codes").getValueAtPercentile(99))));
    summary.put("open loop: lifecycle p50 / p99 ms", db, String.format("%.0f / %.0f",
        Stats.ms(open.get("lifecycle").getValueAtPercentile(50)),
        Stats.ms(open.get("lifecycle").getValueAtPercentile(99))));
  }

  private void baselineAb(Lifecycles.Lifecycle product, Lifecycles.Lifecycle baseline, int threads) throws Exception {
    int alternations = BenchRunner.intProp("bench.alternations", 5);
    Duration phase = BenchRunner.durationProp("bench.phase", "PT15S");
    section("Product ÷ bare-engine baseline, interleaved A/B");
    report.append(String.format("%d alternations of %s product (A) then %s baseline (B), %d client threads each, "
        + "closed loop, same engine, same client.%n%n", alternations, phase, phase, threads));
    report.append("| # | product lifecycles/s | baseline lifecycles/s | ratio | product p99 ms | baseline p99 ms |\n")
        .append("|---:|---:|---:|---:|---:|---:|\n");
    double[] ratios = new double[alternations];
    for (int i = 0; i < alternations; i++) {
      Stats a = new Stats(Lifecycles.STEPS);
      Load.Result ra = Load.closed(product, threads, phase, a);
      Stats b = new Stats(Lifecycles.STEPS);
      Load.Result rb = Load.closed(baseline, threads, phase, b);
      ratios[i] = ra.perSecond() / rb.perSecond();
      say("A/B %d: product %.1f/s, baseline %.1f/s, ratio %.3f", i + 1, ra.perSecond(), rb.perSecond(), ratios[i]);
      report.append(String.format("| %d | %.1f | %.1f | %.3f | %.0f | %.0f |%n", i + 1, ra.perSecond(), rb.perSecond(),
          ratios[i], Stats.ms(a.get("lifecycle").getValueAtPercentile(99)),
          Stats.ms(b.get("lifecycle").getValueAtPercentile(99))));
    }
    double[] sorted = ratios.clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    report.append(String.format("%n**Median ratio product ÷ baseline: %.3f** (target ≥ 0.8).%n%n", median));
    summary.put("A/B median product ÷ baseline (" + alternations + " × " + phase + ")", db,
        String.format("%.3f", median));
  }

  // ---------------------------------------------------------------- exact statement counts per lifecycle

  void counts() throws Exception {
    int n = BenchRunner.intProp("bench.counts.n", 10);
    int warm = BenchRunner.intProp("bench.counts.warmup", 5);
    section("Statements per lifecycle (exact counts)");
    SqlCounter counter = new SqlCounter();
    try (BenchApp app = BenchApp.start("counts", db, extra, counter, null)) {
      counter.ignoreThisThread();
      Http http = new Http(app.baseUrl);
      Lifecycles.deployBaseline(http, app.engineRest());
      Counts counts = new Counts(app, counter);
      say("counts: %d + %d product lifecycles, one at a time", warm, n);
      Counts.Measured product = counts.product(warm, n);
      say("counts: %d + %d baseline lifecycles, one at a time", warm, n);
      Counts.Measured baseline = counts.baseline(warm, n);
      say("counts: 1 + %d product lifecycles with a noon resend, one at a time", n);
      Counts.Measured noon = counts.productWithNoonResend(1, n);
      report.append(app.settings()).append("\n\n");
      report.append(String.format("One lifecycle at a time after %d unmeasured ones, each step left to finish "
          + "(continuations run, SMS handed over) before the next; every statement through the application's DataSource "
          + "counted with datasource-proxy. Figures per lifecycle, the mean of %d. A batch is one JDBC execution and "
          + "as many statements as it has entries; round trips = JDBC executions + commits + rollbacks.%n%n", warm, n));
      SqlCounter.Tally p = product.lifecycle();
      SqlCounter.Tally b = baseline.lifecycle();
      report.append("**Product** (statements per lifecycle over the ").append(n).append(" lifecycles: ")
          .append(spread(product.statementsPerLifecycle())).append(")\n\n").append(Counts.stepTable(product))
          .append('\n');
      report.append("**Bare baseline** (").append(spread(baseline.statementsPerLifecycle())).append(")\n\n")
          .append(Counts.stepTable(baseline)).append('\n');
      report.append(String.format("**Product ÷ baseline: statements %.2f ×** (target ≤ 1.5 ×), rows written %.2f ×, "
              + "commits %.2f ×, round trips %.2f ×.%n%n", ratio(p.statements, b.statements),
          ratio(p.rowsWritten, b.rowsWritten), ratio(p.commits, b.commits), ratio(p.roundTrips(), b.roundTrips())));
      SqlCounter.Tally r = noon.step(Counts.NOON);
      report.append("**Automatic noon resend** (docs/rules.md §6; in ").append(n).append(" lifecycles of its own, "
          + "submitted at 23:00 Beijing on the engine's clock, which is then moved to 12:00:01 the next day; both "
          + "verifiers' timer jobs issue a new code; not part of the lifecycle above; statements per noon step over the "
          + n + " lifecycles: " + spread(noon.lifecycles().stream().map(l -> l.containsKey(Counts.NOON)
              ? l.get(Counts.NOON).statements : 0L).toList()) + "):\n\n")
          .append(Counts.HEADER).append(Counts.row(Counts.NOON, r, n))
          .append(Counts.row("per resend", r, 2 * n)).append('\n');
      report.append("Per table, per noon resend (both verifiers):\n\n")
          .append(Counts.tableTable(new Counts.Measured(
              noon.lifecycles().stream().map(l -> Map.of("submit", l.get(Counts.NOON))).toList(),
              new SqlCounter.Tally(), 0), null))
          .append('\n');
      report.append("Per table, per lifecycle:\n\n").append(Counts.tableTable(product, baseline)).append('\n');
      report.append("Runtime variable rows written per lifecycle (ACT_RU_VARIABLE inserts), product:\n\n")
          .append(Counts.variables(product)).append("\nbaseline:\n\n").append(Counts.variables(baseline))
          .append('\n');
      report.append("Reads repeated with the same parameters within one lifecycle, by table: product ")
          .append(Counts.repeated(product)).append("; baseline ").append(Counts.repeated(baseline)).append(".\n\n");
      report.append(String.format("Empty polls (read-only transactions of background threads, not counted above): "
              + "%d statements in %.0f s of product lifecycles, %d in %.0f s of baseline ones.%n%n",
          product.polls().statements, product.seconds(), baseline.polls().statements, baseline.seconds()));
      Path raw = out.resolve("counts-" + db.name().toLowerCase() + "-" + System.currentTimeMillis() + ".md");
      Files.writeString(raw, "# Statements of one lifecycle, most frequent first — " + db.label + "\n\n"
          + app.settings() + "\n\n## Product\n\n" + Counts.topStatements(product, 200)
          + "\n## Baseline\n\n" + Counts.topStatements(baseline, 200)
          + "\n## Empty polls (product phase)\n\n" + Counts.topStatements(
              new Counts.Measured(List.of(Map.of("submit", product.polls())), new SqlCounter.Tally(), 0), 30));
      report.append("Most frequent statements: ").append(out.relativize(raw)).append(" (under target/bench).\n\n");
      String c = n + " lifecycles";
      summary.put("statements per lifecycle: product / baseline", db, Counts.fmt(p.statements / (double) n) + " / "
          + Counts.fmt(b.statements / (double) n) + " (" + String.format("%.2f", ratio(p.statements, b.statements))
          + " ×)");
      summary.put("rows written per lifecycle: product / baseline", db, Counts.fmt(p.rowsWritten / (double) n) + " / "
          + Counts.fmt(b.rowsWritten / (double) n));
      summary.put("commits per lifecycle: product / baseline", db, Counts.fmt(p.commits / (double) n) + " / "
          + Counts.fmt(b.commits / (double) n));
      summary.put("round trips per lifecycle: product / baseline", db, Counts.fmt(p.roundTrips() / (double) n) + " / "
          + Counts.fmt(b.roundTrips() / (double) n));
      summary.put("statements per lifecycle, min–max over " + c + " (product)", db,
          spread(product.statementsPerLifecycle()));
      summary.put("per automatic (noon) resend: statements / rows written / commits", db,
          Counts.fmt(r.statements / (2.0 * n)) + " / " + Counts.fmt(r.rowsWritten / (2.0 * n)) + " / "
              + Counts.fmt(r.commits / (2.0 * n)));
    }
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : a / (double) b;
  }

  private static String spread(List<Long> values) {
    long min = values.stream().mapToLong(Long::longValue).min().orElse(0);
    long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
    return min == max ? "all " + min : min + "–" + max;
  }

  // ---------------------------------------------------------------- two nodes on one PostgreSQL database

  void twoNodes() throws Exception {
    section("Two nodes on one database");
    if (db != BenchDatabase.POSTGRES) {
      report.append("Not run: nodes share a server database (PostgreSQL); the embedded H2 file belongs to one process."
          + "\n\n");
      return;
    }
    int threads = BenchRunner.intProp("bench.threads", 8);
    Duration warmup = BenchRunner.durationProp("bench.warmup", "PT10S");
    Duration duration = BenchRunner.durationProp("bench.duration", "PT20S");
    Map<String, String> database = db.fresh("twonode", out);
    Path keys = out.resolve("twonode-" + System.currentTimeMillis() + "-dev-secrets.properties");
    try (BenchApp a = BenchApp.start("twonode-a", db, extra, null, new BenchApp.Node("benchA", database, keys))) {
      Http ha = new Http(a.baseUrl);
      Lifecycles.Lifecycle la = Lifecycles.product(ha, a.engineRest());
      say("two nodes: warm-up %s on node A alone", warmup);
      Load.closed(la, threads, warmup, new Stats(Lifecycles.STEPS));
      say("two nodes: node A alone, %d threads, %s", threads, duration);
      String load1 = BenchRunner.loadAverages();
      Stats one = new Stats(Lifecycles.STEPS);
      Load.Result r1 = Load.closed(la, threads, duration, one);
      try (BenchApp b = BenchApp.start("twonode-b", db, extra, null, new BenchApp.Node("benchB", database, keys))) {
        Http hb = new Http(b.baseUrl);
        Lifecycles.Lifecycle lb = Lifecycles.product(hb, b.engineRest());
        AtomicLong next = new AtomicLong();
        AtomicLong onA = new AtomicLong();
        AtomicLong onB = new AtomicLong();
        // every other lifecycle on the other node, all its steps there (the two share the database only)
        Lifecycles.Lifecycle spread = (t0, st) -> {
          boolean first = next.getAndIncrement() % 2 == 0;
          boolean ok = (first ? la : lb).run(t0, st);
          if (ok) {
            (first ? onA : onB).incrementAndGet();
          }
          return ok;
        };
        say("two nodes: warm-up %s on both", warmup);
        Load.closed(spread, threads, warmup, new Stats(Lifecycles.STEPS));
        onA.set(0);
        onB.set(0);
        long before = a.count("SELECT COUNT(*) FROM filing");
        java.sql.Timestamp twoFrom = new java.sql.Timestamp(ClockUtil.getCurrentTime().getTime());
        say("two nodes: both, %d threads, %s", threads, duration);
        String load2 = BenchRunner.loadAverages();
        Stats two = new Stats(Lifecycles.STEPS);
        Load.Result r2 = Load.closed(spread, threads, duration, two);
        awaitCount(a, "SELECT CASE WHEN (SELECT COUNT(*) FROM ACT_RU_JOB WHERE TYPE_ = 'message') = 0 AND "
            + "(SELECT COUNT(*) FROM sms_outbox WHERE status = 'PENDING') = 0 THEN 1 ELSE 0 END", 1, 300);
        report.append(String.format("Two application nodes (engines benchA and benchB, each with its job executor, "
                + "SMS-outbox dispatcher and Hikari pool) in this JVM on one PostgreSQL database; closed loop, %d client "
                + "threads, %s each, after %s warm-up. Two nodes: every other lifecycle on the other node, all its "
                + "HTTP calls there.%n%n", threads, duration, warmup));
        report.append("| run | lifecycles/s | done | failed | lifecycle p50 ms | lifecycle p99 ms | codes p99 ms "
            + "| load average before |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        report.append(row2("node A alone", r1, one, load1));
        report.append(row2(String.format("A and B (%d on A, %d on B)", onA.get(), onB.get()), r2, two, load2));
        report.append(String.format("%nTwo nodes ÷ one: **%.2f ×** on this 2-core machine (both nodes share its two "
            + "cores and the database's).%n%n", r2.perSecond() / r1.perSecond()));
        report.append("Correctness after the run (all filings since the start of the first node):\n\n");
        JdbcTemplateCheck check = new JdbcTemplateCheck(a);
        check.line("filings", "SELECT COUNT(*) FROM filing");
        check.line("filings not APPROVED", "SELECT COUNT(*) FROM filing WHERE status <> 'APPROVED'");
        check.line("verifiers with more than one SMS in the outbox",
            "SELECT COUNT(*) FROM (SELECT verifier_id FROM sms_outbox GROUP BY verifier_id HAVING COUNT(*) > 1) x");
        check.line("verifiers with more than one SMS handed to the gateway",
            "SELECT COUNT(*) FROM (SELECT verifier_id FROM sms_message GROUP BY verifier_id HAVING COUNT(*) > 1) x");
        check.line("SMS not SENT", "SELECT COUNT(*) FROM sms_outbox WHERE status <> 'SENT'");
        check.line("verifiers not VERIFIED", "SELECT COUNT(*) FROM verifier WHERE status <> 'VERIFIED'");
        check.line("open incidents", "SELECT COUNT(*) FROM ACT_RU_INCIDENT");
        check.line("process instances still running", "SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE ID_ = PROC_INST_ID_");
        check.line("job executions that failed (and were retried)",
            "SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_EXCEPTION_MSG_ IS NOT NULL");
        report.append(check.text());
        List<Map<String, Object>> perNode = a.jdbc().queryForList("SELECT HOSTNAME_ AS node, COUNT(*) AS jobs FROM "
            + "ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND TIMESTAMP_ >= ? GROUP BY HOSTNAME_ ORDER BY HOSTNAME_", twoFrom);
        report.append("- jobs run successfully during the two-node run, per node: ").append(perNode).append('\n');
        List<Map<String, Object>> failures = a.jdbc().queryForList("SELECT SUBSTR(JOB_EXCEPTION_MSG_, 1, 80) AS msg, "
            + "COUNT(*) AS n FROM ACT_HI_JOB_LOG WHERE JOB_EXCEPTION_MSG_ IS NOT NULL GROUP BY SUBSTR(JOB_EXCEPTION_MSG_, "
            + "1, 80) ORDER BY COUNT(*) DESC");
        report.append("- job failures by message: ").append(failures.isEmpty() ? "none" : failures.toString())
            .append("\n\n");
        report.append(String.format("Lifecycles counted in the two-node run: %d (filings created during it: %d).%n%n",
            r2.ok(), a.count("SELECT COUNT(*) FROM filing") - before));
        summary.put("two nodes ÷ one node (lifecycles/s)", db, String.format("%.1f → %.1f (%.2f ×)", r1.perSecond(),
            r2.perSecond(), r2.perSecond() / r1.perSecond()));
      }
    }
  }

  private static String row2(String name, Load.Result r, Stats s, String load) {
    return String.format("| %s | %.1f | %d | %d | %.0f | %.0f | %.0f | %s |%n", name, r.perSecond(), r.ok(), r.failed(),
        Stats.ms(s.get("lifecycle").getValueAtPercentile(50)), Stats.ms(s.get("lifecycle").getValueAtPercentile(99)),
        Stats.ms(s.get("codes").getValueAtPercentile(99)), load);
  }

  /** correctness figures, each a COUNT */
  private record JdbcTemplateCheck(BenchApp app, StringBuilder lines) {
    JdbcTemplateCheck(BenchApp app) {
      this(app, new StringBuilder());
    }

    void line(String what, String sql) {
      lines.append("- ").append(what).append(": ").append(app.count(sql)).append('\n');
    }

    String text() {
      return lines.toString();
    }
  }

  // ---------------------------------------------------------------- growth: verify latency vs. in-flight population

  void growth() throws Exception {
    int[] levels = Arrays.stream(BenchRunner.prop("bench.inflight", "1000,10000,100000").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).sorted().toArray();
    double rate = Double.parseDouble(BenchRunner.prop("bench.growth.rate", "20"));
    int samples = BenchRunner.intProp("bench.growth.samples", 400);
    int seedThreads = BenchRunner.intProp("bench.seed.threads", 4);
    int warm = BenchRunner.intProp("bench.growth.warmup", 100);
    int growthStart = report.length();
    section("Growth: verify latency vs. requests in flight");
    report.append(String.format("In-flight population seeded in-process through FilingService.submit (%d threads; two "
        + "verifiers each, first codes issued with the submission and delivered by the SMS outbox; every filing "
        + "VERIFYING with its window timer and two noon-resend timers; the next level starts when the outbox is drained "
        + "and no continuation is left). Then %d unmeasured and %d measured verifications over HTTP "
        + "(POST /api/v1/sms-verifications, first verifier of a seeded filing, code read from the demo inbox beforehand) at a constant %.1f/s, latency from the scheduled "
        + "time. Levels are cumulative in one database.%n%n", seedThreads, warm, samples, rate));
    report.append("| in flight | seeding filings/s | pending verifiers | runtime jobs | verify n | p50 ms | p95 ms | "
        + "p99 ms | max ms | failed | minutes since start | load average when measuring |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    List<Double> xs = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    long growth0 = System.nanoTime();
    QuietGate gate = QuietGate.fromProperties();
    try (BenchApp app = BenchApp.start("growth", db, extra)) {
      Http http = new Http(app.baseUrl);
      // a cold JVM would make the first level look slow: warm the HTTP and verify paths with whole lifecycles first
      Duration warmup = BenchRunner.durationProp("bench.warmup", "PT10S");
      say("growth: warm-up %s of product lifecycles (they end approved, not in flight)", warmup);
      Load.closed(Lifecycles.product(http, app.engineRest()), 4, warmup, new Stats(Lifecycles.STEPS));
      List<Person> population = new ArrayList<>();
      for (int level : levels) {
        int add = level - population.size();
        say("growth: seeding %d filings to reach %d in flight", add, level);
        long s0 = System.nanoTime();
        population.addAll(Seeder.submit(app, add, seedThreads));
        boolean sent = Seeder.awaitSent(app, 2L * population.size() + 0, 6 * 3600);
        double seedRate = add / ((System.nanoTime() - s0) / 1e9);
        if (!sent) {
          report.append("| ").append(level).append(" | seeding did not finish |\n");
          break;
        }
        // the most recently seeded first verifiers: the first `warm` of them unmeasured (JIT and caches settle after
        // the seeding burst), the rest measured
        int take = Math.min(samples + warm, add);
        List<Person> chosen = new ArrayList<>(population.subList(population.size() - take, population.size()));
        Map<String, String> codes = new HashMap<>();
        for (Person p : chosen) {
          codes.put(p.phone(), Lifecycles.code(http, p.phone()));
        }
        long pending = app.count("SELECT COUNT(*) FROM verifier WHERE status = 'PENDING'");
        long jobs = app.count("SELECT COUNT(*) FROM ACT_RU_JOB");
        int unmeasured = Math.min(warm, take / 4);
        Stats stats = new Stats("verify");
        AtomicLong failed = new AtomicLong();
        String load;
        try (QuietGate.Held quiet = gate.hold("growth level " + level)) {
          load = BenchRunner.loadAverages();
          verifyAtRate(http, chosen.subList(0, unmeasured), codes, rate, new Stats("verify"), new AtomicLong());
          verifyAtRate(http, chosen.subList(unmeasured, chosen.size()), codes, rate, stats, failed);
        }
        Histogram h = stats.get("verify");
        xs.add((double) level);
        p50.add(Stats.ms(h.getValueAtPercentile(50)));
        p95.add(Stats.ms(h.getValueAtPercentile(95)));
        p99.add(Stats.ms(h.getValueAtPercentile(99)));
        say("growth %d: verify p50 %.1f p99 %.1f ms", level, p50.get(p50.size() - 1), p99.get(p99.size() - 1));
        report.append(String.format("| %d | %.1f | %d | %d | %d | %.1f | %.1f | %.1f | %.1f | %d | %.1f | %s |%n", level,
            seedRate, pending, jobs, h.getTotalCount(), p50.get(p50.size() - 1), p95.get(p95.size() - 1),
            p99.get(p99.size() - 1), Stats.ms(h.getMaxValue()), failed.get(),
            (System.nanoTime() - growth0) / 60e9, load));
        summary.put("growth: verify p50 / p99 ms at " + level + " in flight", db,
            String.format("%.1f / %.1f", p50.get(p50.size() - 1), p99.get(p99.size() - 1)));
        // a long run may be stopped before the last level: what is measured so far is already on disk
        Files.writeString(out.resolve("growth-progress.md"), report.substring(growthStart));
        plot(xs, p50, p95, p99);
      }
    }
    if (!xs.isEmpty()) {
      report.append("\nPlot: ").append(plot(xs, p50, p95, p99)).append("\n\n");
    }
  }

  /** the latency-vs-in-flight plot of the levels measured so far */
  private Path plot(List<Double> xs, List<Double> p50, List<Double> p95, List<Double> p99) throws IOException {
    XYChart chart = new XYChartBuilder().width(800).height(500).title("Verify latency vs. requests in flight")
        .xAxisTitle("filings in flight (VERIFYING)").yAxisTitle("latency (ms)").build();
    chart.getStyler().setXAxisLogarithmic(xs.size() > 1);
    chart.addSeries("p50", xs, p50).setMarker(SeriesMarkers.CIRCLE);
    chart.addSeries("p95", xs, p95).setMarker(SeriesMarkers.DIAMOND);
    chart.addSeries("p99", xs, p99).setMarker(SeriesMarkers.SQUARE);
    Path png = out.resolve("latency-vs-inflight.png");
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    return png;
  }

  /** verifications at a constant rate, each on its own thread, latency from its scheduled time */
  private static void verifyAtRate(Http http, List<Person> people, Map<String, String> codes, double rate, Stats stats,
      AtomicLong failed) throws InterruptedException {
    ExecutorService pool = Executors.newCachedThreadPool();
    long period = Math.round(1e9 / rate);
    long start = System.nanoTime();
    for (int i = 0; i < people.size(); i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Person p = people.get(i);
      pool.execute(() -> {
        try {
          if (Lifecycles.verify(http, p, codes.get(p.phone()))) {
            stats.record("verify", due, System.nanoTime());
          } else {
            failed.incrementAndGet();
          }
        } catch (RuntimeException e) {
          failed.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
  }

  // ---------------------------------------------------------------- noon storm

  void noon() throws Exception {
    int n = BenchRunner.intProp("bench.noon.n", 1000);
    int seedThreads = BenchRunner.intProp("bench.seed.threads", 4);
    section("Noon storm");
    try (BenchApp app = BenchApp.start("noon", db, extra)) {
      LocalDate day = LocalDate.now(BEIJING).plusDays(1);
      Instant firstSend = day.atTime(23, 0).atZone(BEIJING).toInstant();
      Instant noon = day.plusDays(1).atTime(LocalTime.NOON).atZone(BEIJING).toInstant();
      ClockUtil.offset(firstSend.toEpochMilli() - System.currentTimeMillis());
      say("noon: %d filings with their first codes at %s", n, firstSend);
      Seeder.submit(app, n, seedThreads);
      if (!Seeder.awaitSent(app, 2L * n, 3600)) {
        report.append("Seeding did not finish within an hour; not measured.\n\n");
        return;
      }
      awaitCount(app, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE HANDLER_CFG_ LIKE '%NoonResend%'", 2L * n, 600);
      long timers = app.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE HANDLER_CFG_ LIKE '%NoonResend%'");
      // two seconds before noon on the engine's (ticking) clock
      ClockUtil.offset(noon.toEpochMilli() - 2000 - System.currentTimeMillis());
      say("noon: clock at 11:59:58 Beijing, %d noon timers waiting", timers);
      boolean done = awaitCount(app, "SELECT COUNT(*) FROM verifier WHERE auto_resent = TRUE", 2L * n, 3600);
      List<long[]> rows = app.jdbc().query("SELECT e.at AS at, f.auto_resend_at AS due FROM filing_event e "
              + "JOIN filing f ON f.id = e.filing_id WHERE e.event = 'SMS_RESENT' AND e.detail = 'AUTO'",
          (rs, i) -> new long[] {rs.getObject("at", OffsetDateTime.class).toInstant().toEpochMilli(),
              rs.getObject("due", OffsetDateTime.class).toInstant().toEpochMilli()});
      Histogram late = new Histogram(TimeUnit.HOURS.toMillis(2), 3);
      long last = noon.toEpochMilli();
      for (long[] r : rows) {
        late.recordValue(Math.max(0, r[0] - r[1]));
        last = Math.max(last, r[0]);
      }
      double seconds = (last - noon.toEpochMilli()) / 1000.0;
      report.append(String.format("%d filings (%d verifiers) with the first send at %s Beijing; engine clock moved to "
              + "11:59:58 the next day (ClockUtil.offset, it keeps ticking). %s: %d automatic resends (SMS_RESENT AUTO)."
              + "%n%n**All resent %.1f s after noon: %.0f resends/s** (target ≥ 500).%n%n", n, 2 * n,
          firstSend.atZone(BEIJING).toLocalDateTime(), done ? "Done" : "TIMED OUT", rows.size(), seconds,
          rows.size() / Math.max(seconds, 0.001)));
      summary.put("noon storm: resends/s (" + 2 * n + " resends)", db,
          String.format("%.0f", rows.size() / Math.max(seconds, 0.001)));
      report.append(String.format("Lateness of the noon resend (SMS_RESENT AUTO time − auto_resend_at; the timer "
              + "job issues the code): p50 %.1f s, p99 %.1f s, max %.1f s.%n%n", late.getValueAtPercentile(50) / 1000.0,
          late.getValueAtPercentile(99) / 1000.0, late.getMaxValue() / 1000.0));
    } finally {
      ClockUtil.reset();
    }
  }

  private static boolean awaitCount(BenchApp app, String sql, long expected, long timeoutSeconds)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < end) {
      if (app.count(sql) >= expected) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  // ---------------------------------------------------------------- timer lateness (window timers)

  void lateness() throws Exception {
    int n = BenchRunner.intProp("bench.lateness.n", 300);
    String window = BenchRunner.prop("bench.lateness.window", "PT5S");
    Map<String, String> props = new HashMap<>(extra);
    props.put("beian.verification.window", window);
    section("Timer lateness (window timers)");
    try (BenchApp app = BenchApp.start("lateness", db, props)) {
      var filings = app.bean(cn.beian.verify.filing.FilingService.class);
      // spread over ~10 s so the timers come due over time, not all at once
      double rate = Math.max(1, n / 10.0);
      long period = Math.round(1e9 / rate);
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      AtomicLong failed = new AtomicLong();
      for (int i = 0; i < n; i++) {
        long wait = start + i * period - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        pool.execute(() -> {
          try {
            filings.submit("demo-provider-a", TestData.newFiling("CN-GS", TestData.person("张三"),
                TestData.person("李四")));
          } catch (RuntimeException e) {
            failed.incrementAndGet();
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
      boolean done = awaitCount(app, "SELECT COUNT(*) FROM filing WHERE status = 'RETURNED'", n - failed.get(), 1800);
      List<long[]> rows = app.jdbc().query("SELECT MIN(e.at) AS at, f.verification_deadline AS due FROM filing_event e "
              + "JOIN filing f ON f.id = e.filing_id WHERE e.event = 'EXPIRED' GROUP BY f.id, f.verification_deadline",
          (rs, i) -> new long[] {rs.getObject("at", OffsetDateTime.class).toInstant().toEpochMilli(),
              rs.getObject("due", OffsetDateTime.class).toInstant().toEpochMilli()});
      Histogram late = new Histogram(TimeUnit.HOURS.toMillis(2), 3);
      for (long[] r : rows) {
        late.recordValue(Math.max(0, r[0] - r[1]));
      }
      report.append(String.format("Window %s, %d filings submitted at %.0f/s in-process (%d failed); %s: %d expired. "
              + "Lateness of the window timer (first EXPIRED event − verification_deadline): **p50 %.2f s, p99 %.2f s**, "
              + "max %.2f s (target p99 ≤ 5 s).%n%n", window, n, rate, failed.get(), done ? "all returned" : "TIMED OUT",
          rows.size(), late.getValueAtPercentile(50) / 1000.0, late.getValueAtPercentile(99) / 1000.0,
          late.getMaxValue() / 1000.0));
      summary.put("window-timer lateness p50 / p99 s", db, String.format("%.2f / %.2f",
          late.getValueAtPercentile(50) / 1000.0, late.getValueAtPercentile(99) / 1000.0));
    }
  }
}
