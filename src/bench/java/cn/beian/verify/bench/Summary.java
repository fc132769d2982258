package cn.beian.verify.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The headline figures of a run, one column per database: H2 and PostgreSQL side by side at the end of the report. */
final class Summary {
  private final Map<String, Map<BenchDatabase, String>> rows = new LinkedHashMap<>();

  synchronized void put(String figure, BenchDatabase db, String value) {
    rows.computeIfAbsent(figure, f -> new EnumMap<>(BenchDatabase.class)).put(db, value);
  }

  synchronized String table(List<BenchDatabase> dbs) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder s = new StringBuilder("| figure |");
    dbs.forEach(db -> s.append(' ').append(db.label).append(" |"));
    s.append("\n|---|");
    dbs.forEach(db -> s.append("---:|"));
    s.append('\n');
    rows.forEach((figure, values) -> {
      s.append("| ").append(figure).append(" |");
      dbs.forEach(db -> s.append(' ').append(values.getOrDefault(db, "–")).append(" |"));
      s.append('\n');
    });
    return s.toString();
  }
}
