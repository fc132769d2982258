package cn.beian.verify.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Closed loop (N client threads back to back: throughput) and open loop (constant arrival rate: latency). */
final class Load {
  private Load() {}

  record Result(long ok, long failed, double seconds) {
    double perSecond() {
      return ok / seconds;
    }
  }

  /** {@code threads} clients each running lifecycles back to back until {@code duration} is over */
  static Result closed(Lifecycles.Lifecycle lifecycle, int threads, Duration duration, Stats stats)
      throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int i = 0; i < threads; i++) {
      pool.execute(() -> {
        while (System.nanoTime() < end) {
          run(lifecycle, System.nanoTime(), stats, ok, failed);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    // lifecycles that started before the end are counted and so is the time they took
    return new Result(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
  }

  /**
   * lifecycles started at {@code rate} per second for {@code duration}, each on its own thread; every latency that
   * starts a lifecycle is measured from when it was due, not from when a thread got to it (no coordinated omission)
   */
  static Result open(Lifecycles.Lifecycle lifecycle, double rate, Duration duration, Stats stats)
      throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long n = Math.round(rate * duration.toNanos() / 1e9);
    long period = Math.round(1e9 / rate);
    ExecutorService pool = Executors.newCachedThreadPool();
    long start = System.nanoTime();
    for (long i = 0; i < n; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      pool.execute(() -> run(lifecycle, due, stats, ok, failed));
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    return new Result(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
  }

  private static void run(Lifecycles.Lifecycle lifecycle, long due, Stats stats, AtomicLong ok, AtomicLong failed) {
    try {
      if (lifecycle.run(due, stats)) {
        ok.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      if (failed.get() <= 3) {
        System.err.println("lifecycle failed: " + e);
      }
    }
  }
}
