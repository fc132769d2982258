package cn.beian.verify.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;

/**
 * Every SQL statement the application sends through its DataSource (datasource-proxy around Hikari), by step: kind,
 * table, rows written, JDBC executions (a batch is one), commits, rollbacks, transactions that wrote, reads repeated
 * with the same parameters within one lifecycle.
 *
 * <p>The unit is the transaction (what a connection does up to commit, rollback or close). A transaction of a
 * background thread (job acquisition, the SMS outbox and callback dispatchers, schedulers) that only read is an empty
 * poll: how many there are depends on time, not on the work, so they are tallied apart and not in a step's cost.
 * Everything a request thread does, and every background transaction that wrote, is the step's. The harness sets the
 * step and runs one lifecycle at a time, waiting for the system to be quiet between steps, so each transaction belongs
 * to exactly one step. Statements of the harness thread itself (its checks for quiet) are not counted.
 */
final class SqlCounter implements QueryExecutionListener, MethodExecutionListener {
  static final String EMPTY_POLLS = "(empty polls)";
  static final String[] KINDS = {"SELECT", "INSERT", "UPDATE", "DELETE", "OTHER"};
  private static final Pattern INSERT = Pattern.compile("^\\s*(?:insert\\s+into|merge\\s+into)\\s+([\\w.\"]+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern UPDATE = Pattern.compile("^\\s*update\\s+([\\w.\"]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DELETE = Pattern.compile("^\\s*delete\\s+from\\s+([\\w.\"]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern FROM = Pattern.compile("\\bfrom\\s+([A-Za-z_][\\w.\"]*)", Pattern.CASE_INSENSITIVE);

  private final ThreadLocal<Boolean> harness = ThreadLocal.withInitial(() -> false);
  private final Map<String, Unit> open = new ConcurrentHashMap<>();
  private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
  private final Set<String> readsThisLifecycle = ConcurrentHashMap.newKeySet();
  private volatile String step = "start-up";
  private volatile long lastCounted = System.nanoTime();

  /** statements of the calling thread are not counted from now on (the harness's own checks) */
  void ignoreThisThread() {
    harness.set(true);
  }

  void step(String name) {
    step = name;
  }

  /** a new lifecycle: reads it repeats are counted from here */
  void beginLifecycle() {
    readsThisLifecycle.clear();
  }

  /** nanoTime of the last counted transaction's end (or a counted statement in a transaction still open) */
  long lastCounted() {
    return lastCounted;
  }

  /** transactions still open that wrote or belong to a request thread (an acquisition's read is not waited for) */
  boolean busy() {
    for (Unit u : open.values()) {
      if (u.counts()) {
        return true;
      }
    }
    return false;
  }

  /** what was counted since the last drain, by step; the counters start again from zero */
  synchronized Map<String, Tally> drain() {
    Map<String, Tally> out = new TreeMap<>(tallies);
    tallies.clear();
    return out;
  }

  // ------------------------------------------------------------------------------------------------ listeners

  @Override
  public void beforeQuery(ExecutionInfo info, List<QueryInfo> queries) {
  }

  @Override
  public void afterQuery(ExecutionInfo info, List<QueryInfo> queries) {
    if (harness.get()) {
      return;
    }
    Unit unit = open.computeIfAbsent(info.getConnectionId(), id -> new Unit(Thread.currentThread().getName()));
    unit.executions++;
    Object result = info.getResult();
    int[] batchCounts = result instanceof int[] counts ? counts : null;
    int entry = 0;
    for (QueryInfo q : queries) {
      String sql = q.getQuery();
      String kind = kind(sql);
      String table = table(kind, sql);
      List<List<ParameterSetOperation>> params = q.getParametersList();
      int n = info.isBatch() ? Math.max(1, params.size()) : 1;
      for (int i = 0; i < n; i++) {
        long rows = 0;
        if (!kind.equals("SELECT")) {
          if (batchCounts != null && entry < batchCounts.length) {
            // SUCCESS_NO_INFO (a driver that rewrote the batch): one row per entry, as every batched write is
            rows = batchCounts[entry] >= 0 ? batchCounts[entry] : 1;
          } else if (result instanceof Integer count && count >= 0) {
            rows = count;
          } else if (result instanceof Long count && count >= 0) {
            rows = count;
          }
        }
        entry++;
        List<ParameterSetOperation> values = params.size() > i ? params.get(i) : List.of();
        String key = kind.equals("SELECT") ? sql + '|' + parameters(values) : null;
        // the name of each runtime variable row written (ACT_RU_VARIABLE's third column is NAME_)
        String variable = kind.equals("INSERT") && table.equals("ACT_RU_VARIABLE") ? parameter(values, 3) : null;
        unit.statements.add(new Statement(kind, table, normalize(sql), rows, key, variable));
      }
    }
    if (unit.counts()) {
      lastCounted = System.nanoTime();
    }
  }

  @Override
  public void beforeMethod(MethodExecutionContext context) {
  }

  @Override
  public void afterMethod(MethodExecutionContext context) {
    if (harness.get() || context.getConnectionInfo() == null) {
      return;
    }
    Method m = context.getMethod();
    // the connection's own methods, not those of its statements and result sets
    if (!(context.getTarget() instanceof java.sql.Connection)) {
      return;
    }
    String id = context.getConnectionInfo().getConnectionId();
    switch (m.getName()) {
      case "commit" -> end(id, true, false);
      case "rollback" -> {
        if (m.getParameterCount() == 0) {
          end(id, false, true);
        }
      }
      case "close" -> end(id, false, false);
      default -> {
      }
    }
  }

  private void end(String connectionId, boolean commit, boolean rollback) {
    Unit unit = open.remove(connectionId);
    if (unit == null) {
      if (commit || rollback) {
        // a commit with nothing before it on this connection still goes to the database
        unit = new Unit(Thread.currentThread().getName());
      } else {
        return;
      }
    }
    unit.commits += commit ? 1 : 0;
    unit.rollbacks += rollback ? 1 : 0;
    boolean counted = unit.counts();
    String bucket = counted ? step : EMPTY_POLLS;
    Tally tally = tallies.computeIfAbsent(bucket, b -> new Tally());
    synchronized (tally) {
      tally.add(unit, counted ? readsThisLifecycle : null);
    }
    if (counted) {
      lastCounted = System.nanoTime();
    }
  }

  // ------------------------------------------------------------------------------------------------ parsing

  static String kind(String sql) {
    String s = sql.stripLeading();
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    return switch (s.substring(0, end).toUpperCase(Locale.ROOT)) {
      case "SELECT", "WITH" -> "SELECT";
      case "INSERT", "MERGE" -> "INSERT";
      case "UPDATE" -> "UPDATE";
      case "DELETE" -> "DELETE";
      default -> "OTHER";
    };
  }

  static String table(String kind, String sql) {
    Matcher m = switch (kind) {
      case "INSERT" -> INSERT.matcher(sql);
      case "UPDATE" -> UPDATE.matcher(sql);
      case "DELETE" -> DELETE.matcher(sql);
      case "SELECT" -> FROM.matcher(sql);
      default -> null;
    };
    if (m == null || !m.find()) {
      return "-";
    }
    String t = m.group(1).replace("\"", "");
    t = t.substring(t.lastIndexOf('.') + 1);
    return t.regionMatches(true, 0, "ACT_", 0, 4) ? t.toUpperCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT);
  }

  static String normalize(String sql) {
    String s = sql.replaceAll("\\s+", " ").trim();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  private static String parameter(List<ParameterSetOperation> ops, int index) {
    for (ParameterSetOperation op : ops) {
      Object[] args = op.getArgs();
      if (args.length > 1 && args[0] instanceof Integer i && i == index) {
        return String.valueOf(args[1]);
      }
    }
    return "?";
  }

  private static String parameters(List<ParameterSetOperation> ops) {
    StringBuilder s = new StringBuilder();
    for (ParameterSetOperation op : ops) {
      Object[] args = op.getArgs();
      s.append(args.length > 1 ? String.valueOf(args[1]) : "").append(',');
    }
    return s.toString();
  }

  // ------------------------------------------------------------------------------------------------ tallies

  record Statement(String kind, String table, String sql, long rows, String readKey, String variable) {}

  /** what one connection did up to its commit, rollback or close */
  static final class Unit {
    final String thread;
    final List<Statement> statements = new ArrayList<>();
    int executions;
    int commits;
    int rollbacks;

    Unit(String thread) {
      this.thread = thread;
    }

    boolean writes() {
      for (Statement s : statements) {
        if (!s.kind().equals("SELECT")) {
          return true;
        }
      }
      return false;
    }

    /** a request thread's transaction, or one that wrote; not a background thread's read-only poll */
    boolean counts() {
      return thread.startsWith("http-") || writes();
    }
  }

  /** counts of one step (or of the empty polls) */
  static final class Tally {
    final Map<String, Long> byKind = new TreeMap<>();
    /** "TABLE KIND" → statements */
    final Map<String, Long> byTableKind = new TreeMap<>();
    final Map<String, Long> rowsByTable = new TreeMap<>();
    final Map<String, Long> repeatedByTable = new TreeMap<>();
    final Map<String, Long> bySql = new TreeMap<>();
    /** runtime variable rows inserted, by variable name */
    final Map<String, Long> variables = new TreeMap<>();
    long statements;
    long executions;
    long rowsWritten;
    long commits;
    long rollbacks;
    long transactions;
    long writingTransactions;
    long repeatedReads;

    void add(Unit unit, Set<String> readsThisLifecycle) {
      transactions++;
      writingTransactions += unit.writes() ? 1 : 0;
      executions += unit.executions;
      commits += unit.commits;
      rollbacks += unit.rollbacks;
      for (Statement s : unit.statements) {
        statements++;
        byKind.merge(s.kind(), 1L, Long::sum);
        byTableKind.merge(s.table() + " " + s.kind(), 1L, Long::sum);
        bySql.merge(s.sql(), 1L, Long::sum);
        if (s.variable() != null) {
          variables.merge(s.variable(), 1L, Long::sum);
        }
        if (s.rows() > 0) {
          rowsWritten += s.rows();
          rowsByTable.merge(s.table(), s.rows(), Long::sum);
        }
        if (s.readKey() != null && readsThisLifecycle != null && !readsThisLifecycle.add(s.readKey())) {
          repeatedReads++;
          repeatedByTable.merge(s.table(), 1L, Long::sum);
        }
      }
    }

    void addAll(Tally o) {
      statements += o.statements;
      executions += o.executions;
      rowsWritten += o.rowsWritten;
      commits += o.commits;
      rollbacks += o.rollbacks;
      transactions += o.transactions;
      writingTransactions += o.writingTransactions;
      repeatedReads += o.repeatedReads;
      o.byKind.forEach((k, v) -> byKind.merge(k, v, Long::sum));
      o.byTableKind.forEach((k, v) -> byTableKind.merge(k, v, Long::sum));
      o.rowsByTable.forEach((k, v) -> rowsByTable.merge(k, v, Long::sum));
      o.repeatedByTable.forEach((k, v) -> repeatedByTable.merge(k, v, Long::sum));
      o.bySql.forEach((k, v) -> bySql.merge(k, v, Long::sum));
      o.variables.forEach((k, v) -> variables.merge(k, v, Long::sum));
    }

    long kind(String kind) {
      return byKind.getOrDefault(kind, 0L);
    }

    /** statement executions plus commits and rollbacks: what crosses the wire to a database server */
    long roundTrips() {
      return executions + commits + rollbacks;
    }

    Set<String> tables() {
      Set<String> t = new HashSet<>();
      byTableKind.keySet().forEach(k -> t.add(k.substring(0, k.lastIndexOf(' '))));
      return t;
    }
  }
}
