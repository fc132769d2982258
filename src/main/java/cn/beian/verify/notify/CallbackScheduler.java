package cn.beian.verify.notify;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the dispatcher on its own thread, off every request path: every poll interval, and at once when a
 * transaction that wrote the outbox commits ({@link #wake()}). One round at a time per node; a slow provider holds
 * up at most one round (bounded by the timeout), never the filing API or the process.
 */
public class CallbackScheduler implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CallbackScheduler.class);

  private final CallbackDispatcher dispatcher;
  private final CallbackProperties properties;
  private final AtomicBoolean roundQueued = new AtomicBoolean();
  private volatile ScheduledExecutorService executor;

  public CallbackScheduler(CallbackDispatcher dispatcher, CallbackProperties properties) {
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  /** a new row is committed: look now rather than at the next poll (one queued round is enough for any number) */
  public void wake() {
    ScheduledExecutorService running = executor;
    if (running != null && roundQueued.compareAndSet(false, true)) {
      try {
        running.execute(this::round);
      } catch (RuntimeException stopping) {
        roundQueued.set(false);
      }
    }
  }

  private void round() {
    roundQueued.set(false);
    try {
      // a full batch may mean more are due: go on while rows keep being acknowledged
      while (dispatcher.deliverDue() >= properties.batchSize()) {
        Thread.yield();
      }
    } catch (RuntimeException e) {
      // the rows stay in the outbox; their lease runs out and the next round takes them again
      log.warn("Callback round failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public synchronized void start() {
    if (executor != null || properties.providers().isEmpty()) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "callback-dispatcher");
      t.setDaemon(true);
      return t;
    });
    long every = properties.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    wake();
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
