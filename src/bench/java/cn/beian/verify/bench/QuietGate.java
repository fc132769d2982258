package cn.beian.verify.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * On a machine shared with other builds, a long run (the growth run seeds for an hour) can still measure on a quiet
 * machine: before each measurement it writes the file {@code bench.quiet} (a convention the other users of the
 * machine follow: no new build while it exists), waits until the one-minute load average is below
 * {@code bench.quiet.load} (at most {@code bench.quiet.wait}), measures, and removes the file. Off by default.
 */
final class QuietGate {
  private final Path file;
  private final double load;
  private final Duration maxWait;

  private QuietGate(Path file, double load, Duration maxWait) {
    this.file = file;
    this.load = load;
    this.maxWait = maxWait;
  }

  static QuietGate fromProperties() {
    String path = BenchRunner.prop("bench.quiet", "none");
    return new QuietGate("none".equals(path) ? null : Path.of(path),
        Double.parseDouble(BenchRunner.prop("bench.quiet.load", "1.5")),
        BenchRunner.durationProp("bench.quiet.wait", "PT10M"));
  }

  /** holds the machine quiet until the returned handle is closed; says what it waited for */
  Held hold(String what) throws IOException, InterruptedException {
    if (file == null) {
      return () -> { };
    }
    Files.writeString(file, what + " since " + Instant.now() + "\n");
    Instant end = Instant.now().plus(maxWait);
    while (oneMinuteLoad() >= load && Instant.now().isBefore(end)) {
      Thread.sleep(5_000);
    }
    System.out.printf("quiet gate: %s measures at load average %s%n", what, BenchRunner.loadAverages());
    return () -> Files.deleteIfExists(file);
  }

  private static double oneMinuteLoad() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  interface Held extends AutoCloseable {
    @Override
    void close() throws IOException;
  }
}
