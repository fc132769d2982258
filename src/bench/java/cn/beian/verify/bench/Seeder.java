package cn.beian.verify.bench;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingSubmission.Person;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-flight population, created in-process through {@link FilingService#submit} (the same call the provider API
 * makes, without HTTP) by several threads; the first codes are issued with each submission and leave through the
 * SMS outbox, as in production.
 */
final class Seeder {
  private Seeder() {}

  /** submits {@code n} NEW_FILINGs with two verifiers each; returns the first verifier of each */
  static List<Person> submit(BenchApp app, int n, int threads) throws InterruptedException {
    FilingService filings = app.bean(FilingService.class);
    List<Person> first = Collections.synchronizedList(new ArrayList<>(n));
    AtomicLong next = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        while (next.getAndIncrement() < n) {
          Person a = TestData.person("张三");
          Person b = TestData.person("李四");
          try {
            filings.submit("demo-provider-a", TestData.newFiling("CN-GS", a, b));
            first.add(a);
          } catch (RuntimeException e) {
            if (failed.incrementAndGet() <= 3) {
              System.err.println("seed failed: " + e);
            }
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(6, TimeUnit.HOURS);
    return first;
  }

  /** waits until {@code verifiers} first codes are issued and delivered and no job is left; false on timeout */
  static boolean awaitSent(BenchApp app, long verifiers, long timeoutSeconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long last = -1;
    long lastPrint = System.nanoTime();
    while (System.nanoTime() < end) {
      long sent = app.count("SELECT COUNT(*) FROM verifier WHERE first_sent_at IS NOT NULL");
      // issued is not yet delivered: the outbox must be drained and no continuation left, or the measurement that
      // follows would compete with the seeding's tail
      if (sent >= verifiers && app.count("SELECT COUNT(*) FROM sms_outbox WHERE status = 'PENDING'") == 0
          && app.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE TYPE_ = 'message'") == 0) {
        return true;
      }
      if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(15) && sent != last) {
        System.out.printf("  ... %d of %d first codes sent%n", sent, verifiers);
        lastPrint = System.nanoTime();
        last = sent;
      }
      Thread.sleep(200);
    }
    return false;
  }
}
