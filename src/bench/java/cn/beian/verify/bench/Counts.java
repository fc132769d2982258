package cn.beian.verify.bench;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Person;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The exact cost of a lifecycle in SQL: one lifecycle at a time, step by step, the system left to become quiet (no
 * continuation job, no SMS waiting in the outbox or for its receipt, no change waiting for its feed position, no
 * transaction running) before the next step, every statement counted by {@link SqlCounter}. The product's lifecycle over HTTP as users drive it, the bare baseline's through engine
 * REST. What the harness itself reads to go on (the code from the demo inbox, the task to complete) is tallied apart
 * and not part of a lifecycle's cost.
 */
final class Counts {
  static final String HARNESS = "harness: ";
  static final List<String> STEPS = List.of("submit", "verify 1", "verify 2", "approve");
  /**
   * the automatic resend at noon the day after the first send (docs/rules.md §6): both verifiers' timer jobs issue a
   * new code. Counted in lifecycles of its own, apart from the lifecycle above (most requests are verified before
   * noon; the noon storm is this step times the requests still pending).
   */
  static final String NOON = "noon resend (2 verifiers)";
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

  private final BenchApp app;
  private final SqlCounter counter;
  private final Http http;
  /** the Beijing day of the next lifecycle with a noon resend: each gets days of its own, the clock only goes forward */
  private LocalDate noonDay = LocalDate.now(BEIJING).plusDays(1);

  Counts(BenchApp app, SqlCounter counter) {
    this.app = app;
    this.counter = counter;
    this.http = new Http(app.baseUrl);
  }

  /** per lifecycle: step → tally */
  record Measured(List<Map<String, SqlCounter.Tally>> lifecycles, SqlCounter.Tally polls, double seconds) {
    SqlCounter.Tally step(String step) {
      SqlCounter.Tally t = new SqlCounter.Tally();
      lifecycles.forEach(l -> {
        if (l.containsKey(step)) {
          t.addAll(l.get(step));
        }
      });
      return t;
    }

    SqlCounter.Tally lifecycle() {
      SqlCounter.Tally t = new SqlCounter.Tally();
      for (String step : STEPS) {
        t.addAll(step(step));
      }
      return t;
    }

    /** statements of each lifecycle (its four steps) */
    List<Long> statementsPerLifecycle() {
      List<Long> out = new ArrayList<>();
      for (Map<String, SqlCounter.Tally> l : lifecycles) {
        out.add(STEPS.stream().filter(l::containsKey).mapToLong(s -> l.get(s).statements).sum());
      }
      return out;
    }

    Set<String> harnessSteps() {
      Set<String> s = new TreeSet<>();
      lifecycles.forEach(l -> l.keySet().stream().filter(k -> k.startsWith(HARNESS)).forEach(s::add));
      return s;
    }

    int n() {
      return lifecycles.size();
    }
  }

  Measured product(int warmup, int n) throws InterruptedException {
    return measure(warmup, n, () -> productLifecycle(false));
  }

  /**
   * product lifecycles submitted at 23:00 Beijing on the engine's clock (which the product's business clock follows),
   * which is then moved to just after noon the next day: the noon step between submit and verify. The clock is put
   * back when they are done (they all end approved, no timer of theirs is left).
   */
  Measured productWithNoonResend(int warmup, int n) throws InterruptedException {
    try {
      return measure(warmup, n, () -> productLifecycle(true));
    } finally {
      ClockUtil.reset();
    }
  }

  Measured baseline(int warmup, int n) throws InterruptedException {
    return measure(warmup, n, this::baselineLifecycle);
  }

  private interface Driver {
    void run() throws InterruptedException;
  }

  private Measured measure(int warmup, int n, Driver driver) throws InterruptedException {
    for (int i = 0; i < warmup; i++) {
      driver.run();
    }
    counter.drain();
    List<Map<String, SqlCounter.Tally>> lifecycles = new ArrayList<>();
    SqlCounter.Tally polls = new SqlCounter.Tally();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      counter.beginLifecycle();
      driver.run();
      Map<String, SqlCounter.Tally> drained = counter.drain();
      SqlCounter.Tally p = drained.remove(SqlCounter.EMPTY_POLLS);
      if (p != null) {
        polls.addAll(p);
      }
      lifecycles.add(drained);
    }
    return new Measured(lifecycles, polls, (System.nanoTime() - t0) / 1e9);
  }

  private void productLifecycle(boolean noon) throws InterruptedException {
    String rest = app.engineRest();
    Person a = TestData.person("张三");
    Person b = TestData.person("李四");
    FilingSubmission filing = TestData.newFiling("CN-GS", a, b);
    if (noon) {
      // timers of the product's own that come due on the way (e.g. the history cleanup's) run here, not in a step
      step(HARNESS + "move the clock to 23:00");
      moveClockTo(noonDay.atTime(23, 0));
      quiet();
    }
    step("submit");
    Http.Response r = http.post("/api/v1/filings", filing, "X-Api-Key", "demo-provider-a-key");
    require(r.status() == 201, "submit: " + r.status() + " " + r.body());
    String id = r.body().get("filingId").asText();
    quiet();
    if (noon) {
      step(NOON);
      moveClockTo(noonDay.plusDays(1).atTime(LocalTime.NOON).plusSeconds(1));
      noonDay = noonDay.plusDays(2);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (app.count("SELECT COUNT(*) FROM verifier WHERE filing_id = ? AND auto_resent = TRUE", id) < 2) {
        require(System.nanoTime() < end, "noon resend: not both verifiers resent within 120 s");
        Thread.sleep(20);
      }
      quiet();
    }
    step(HARNESS + "read the codes");
    String ca = Lifecycles.code(http, a.phone());
    String cb = Lifecycles.code(http, b.phone());
    quiet();
    step("verify 1");
    require(Lifecycles.verify(http, a, ca), "verify 1");
    quiet();
    step("verify 2");
    require(Lifecycles.verify(http, b, cb), "verify 2");
    quiet();
    step(HARNESS + "find the review task");
    String task = Lifecycles.tasks(http, rest, "processInstanceBusinessKey=" + id
        + "&taskDefinitionKey=UserTask_ReviewFiling", 1).get(0);
    quiet();
    step("approve");
    require(Lifecycles.approve(http, rest, task), "approve");
    quiet();
  }

  private void baselineLifecycle() throws InterruptedException {
    String rest = app.engineRest();
    String key = UUID.randomUUID().toString();
    step("submit");
    Http.Response r = http.post(rest + "/process-definition/key/BenchBaselineFiling/start",
        Map.of("businessKey", key), "Authorization", Lifecycles.ADMIN);
    require(r.status() == 200, "start: " + r.status());
    String instance = r.body().get("id").asText();
    quiet();
    step(HARNESS + "find the verify tasks");
    List<String> tasks = Lifecycles.tasks(http, rest, "processInstanceId=" + instance
        + "&taskDefinitionKey=UserTask_Verify", 2);
    quiet();
    for (int i = 0; i < 2; i++) {
      step("verify " + (i + 1));
      Http.Response c = http.post(rest + "/task/" + tasks.get(i) + "/complete", Map.of(), "Authorization",
          Lifecycles.ADMIN);
      require(c.status() == 204, "verify " + (i + 1) + ": " + c.status());
      quiet();
    }
    step(HARNESS + "find the review task");
    String review = Lifecycles.tasks(http, rest, "processInstanceBusinessKey=" + key
        + "&taskDefinitionKey=UserTask_ReviewFiling", 1).get(0);
    quiet();
    step("approve");
    Http.Response done = Lifecycles.approval(http, rest, review);
    require(done.status() == 204, "approve: " + done.status() + " " + done.body());
    quiet();
  }

  /** the engine's clock (ClockUtil, which keeps ticking) to this Beijing time */
  private static void moveClockTo(java.time.LocalDateTime beijing) {
    ClockUtil.offset(beijing.atZone(BEIJING).toInstant().toEpochMilli() - System.currentTimeMillis());
  }

  private void step(String name) {
    counter.step(name);
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("counts: lifecycle step failed: " + what);
    }
  }

  /**
   * until nothing is left to do: no transaction that counts is open, none ended in the last 400 ms, no continuation
   * job waits or runs, no job is due on the engine's clock, no SMS waits in the outbox or for its delivery receipt, no
   * change waits for its feed position (the checks are the harness thread's: not counted)
   */
  private void quiet() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < end) {
      Thread.sleep(50);
      if (counter.busy() || System.nanoTime() - counter.lastCounted() < QUIET_NANOS) {
        continue;
      }
      if (app.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE TYPE_ = 'message' OR LOCK_OWNER_ IS NOT NULL") > 0
          || app.count("SELECT COUNT(*) FROM sms_outbox WHERE status = 'PENDING'") > 0
          // the built-in carrier's delivery receipts (beian.sms.builtin.receipt-delay after the hand-over) and the
          // change feed's numbering belong to the step that sent the SMS or made the change, not to the next one
          || app.count("SELECT COUNT(*) FROM sms_outbox_part WHERE receipt IS NULL "
              + "AND carrier_message_id LIKE 'builtin-%'") > 0
          || app.count("SELECT COUNT(*) FROM filing_change WHERE position IS NULL") > 0
          || app.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1 AND DUEDATE_ <= ?",
              new java.sql.Timestamp(ClockUtil.getCurrentTime().getTime())) > 0) {
        continue;
      }
      if (!counter.busy() && System.nanoTime() - counter.lastCounted() >= QUIET_NANOS) {
        return;
      }
    }
    throw new IllegalStateException("counts: the application did not become quiet within 120 s");
  }

  // ------------------------------------------------------------------------------------------------ report

  static String fmt(double v) {
    return Math.abs(v - Math.rint(v)) < 0.005 ? String.format("%.0f", v) : String.format("%.1f", v);
  }

  static String row(String name, SqlCounter.Tally t, int n) {
    return String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", name, fmt(t.statements / (double) n),
        fmt(t.kind("SELECT") / (double) n), fmt(t.kind("INSERT") / (double) n), fmt(t.kind("UPDATE") / (double) n),
        fmt(t.kind("DELETE") / (double) n), fmt(t.executions / (double) n), fmt(t.rowsWritten / (double) n),
        fmt(t.commits / (double) n), fmt(t.writingTransactions / (double) n), fmt(t.roundTrips() / (double) n),
        fmt(t.repeatedReads / (double) n));
  }

  static final String HEADER = "| step | statements | SELECT | INSERT | UPDATE | DELETE | JDBC executions | rows written "
      + "| commits | writing transactions | round trips | repeated reads |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

  /** the per-step table of one side (product or baseline) */
  static String stepTable(Measured m) {
    StringBuilder s = new StringBuilder(HEADER);
    int n = m.n();
    for (String step : STEPS) {
      s.append(row(step, m.step(step), n));
    }
    s.append(row("**lifecycle**", m.lifecycle(), n));
    for (String h : m.harnessSteps()) {
      s.append(row("(" + h + ", not counted)", m.step(h), n));
    }
    return s.toString();
  }

  /** product and baseline per table, per lifecycle */
  static String tableTable(Measured product, Measured baseline) {
    SqlCounter.Tally p = product.lifecycle();
    SqlCounter.Tally b = baseline == null ? new SqlCounter.Tally() : baseline.lifecycle();
    int bn = baseline == null ? 1 : baseline.n();
    Set<String> tables = new TreeSet<>(Comparator.comparing((String t) -> -(count(p, t) / product.n()
        + count(b, t) / bn)).thenComparing(t -> t));
    tables.addAll(p.tables());
    tables.addAll(b.tables());
    StringBuilder s = new StringBuilder(baseline == null ? "| table | S / I / U / D | rows written |\n|---|---:|---:|\n"
        : "| table | product S / I / U / D | product rows written | baseline S / I / U / D "
        + "| baseline rows written |\n|---|---:|---:|---:|---:|\n");
    for (String t : tables) {
      s.append("| ").append(t).append(" | ").append(sidu(p, t, product.n())).append(" | ")
          .append(fmt(p.rowsByTable.getOrDefault(t, 0L) / (double) product.n()));
      if (baseline != null) {
        s.append(" | ").append(sidu(b, t, bn)).append(" | ").append(fmt(b.rowsByTable.getOrDefault(t, 0L) / (double) bn));
      }
      s.append(" |\n");
    }
    return s.toString();
  }

  private static double count(SqlCounter.Tally t, String table) {
    double c = 0;
    for (String k : SqlCounter.KINDS) {
      c += t.byTableKind.getOrDefault(table + " " + k, 0L);
    }
    return c;
  }

  private static String sidu(SqlCounter.Tally t, String table, int n) {
    List<String> parts = new ArrayList<>();
    for (String k : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
      parts.add(fmt(t.byTableKind.getOrDefault(table + " " + k, 0L) / (double) n));
    }
    return String.join(" / ", parts);
  }

  /** the most frequent statements of a lifecycle */
  static String topStatements(Measured m, int limit) {
    SqlCounter.Tally t = m.lifecycle();
    StringBuilder s = new StringBuilder("| per lifecycle | statement |\n|---:|---|\n");
    t.bySql.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
        .forEach(e -> s.append("| ").append(fmt(e.getValue() / (double) m.n())).append(" | `")
            .append(e.getKey().replace("|", "\\|").replace("`", "'")).append("` |\n"));
    return s.toString();
  }

  /** the runtime variable rows a lifecycle writes, by name, per step */
  static String variables(Measured m) {
    StringBuilder s = new StringBuilder();
    for (String step : STEPS) {
      SqlCounter.Tally t = m.step(step);
      if (t.variables.isEmpty()) {
        continue;
      }
      long total = t.variables.values().stream().mapToLong(Long::longValue).sum();
      s.append("- ").append(step).append(" (").append(fmt(total / (double) m.n())).append("): ");
      List<String> parts = new ArrayList<>();
      t.variables.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
          .thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> parts.add(e.getKey() + (e.getValue() == m.n() ? "" : " ×" + fmt(e.getValue() / (double) m.n()))));
      s.append(String.join(", ", parts)).append('\n');
    }
    return s.toString();
  }

  static String repeated(Measured m) {
    SqlCounter.Tally t = m.lifecycle();
    if (t.repeatedByTable.isEmpty()) {
      return "none";
    }
    Map<String, String> out = new LinkedHashMap<>();
    t.repeatedByTable.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> out.put(e.getKey(), fmt(e.getValue() / (double) m.n())));
    return out.toString();
  }
}
