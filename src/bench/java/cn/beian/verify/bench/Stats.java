package cn.beian.verify.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies per step, in microseconds, in HdrHistograms (3 significant digits, up to 10 minutes). */
final class Stats {
  private final Map<String, Histogram> steps = new LinkedHashMap<>();

  Stats(String... names) {
    for (String n : names) {
      steps.put(n, new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3));
    }
  }

  void record(String step, long startNanos, long endNanos) {
    long micros = Math.max(1, (endNanos - startNanos) / 1000);
    steps.get(step).recordValue(Math.min(micros, TimeUnit.MINUTES.toMicros(10)));
  }

  Histogram get(String step) {
    return steps.get(step);
  }

  static double ms(long micros) {
    return micros / 1000.0;
  }

  /** a markdown table: step, count, p50, p95, p99, max (ms) */
  String table() {
    StringBuilder s = new StringBuilder("| step | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
    steps.forEach((name, h) -> s.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name,
        h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()))));
    return s.toString();
  }
}
