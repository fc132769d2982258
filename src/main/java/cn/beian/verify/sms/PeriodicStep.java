package cn.beian.verify.sms;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A step each node runs every {@code interval} on a daemon thread of its own (PT0S: never, the tests run it by hand).
 * The steps are written so that every node may run them at once; a failed run is logged and the next one comes.
 */
final class PeriodicStep implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicStep.class);

  private final String name;
  private final Duration interval;
  private final Runnable step;
  private volatile ScheduledExecutorService executor;

  PeriodicStep(String name, Duration interval, Runnable step) {
    this.name = name;
    this.interval = interval;
    this.step = step;
  }

  @Override
  public void start() {
    if (interval.isZero()) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        step.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed, tried again in {}: {}", name, interval, e.toString());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService e = executor;
    executor = null;
    if (e != null) {
      e.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
