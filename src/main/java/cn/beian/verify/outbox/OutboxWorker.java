package cn.beian.verify.outbox;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs one outbox on this node, off every request path: a round right after each commit that wrote a row of its
 * table ({@link OutboxWritten}, heard after the commit and never for a rollback), one every poll interval (retries,
 * rows of a node that died), and the renewal of its leases. Rounds run one at a time on a thread of their own; the
 * hand-overs of a round run on the outbox's own bounded pool of sender threads, so delivery keeps up with the request
 * threads instead of competing with them one message at a time. With {@link OutboxPolicy#inline()} (tests) the thread
 * that committed delivers right after its commit, and nothing runs in the background.
 */
public final class OutboxWorker implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

  private final String name;
  private final OutboxDispatcher<?, ?> dispatcher;
  private final String table;
  private final boolean enabled;
  private final AtomicBoolean roundQueued = new AtomicBoolean();
  private volatile ExecutorService rounds;
  private volatile ScheduledExecutorService timer;
  private volatile ExecutorService senders;

  /**
   * @param name names the threads ({@code <name>-outbox}, {@code <name>-sender-n})
   * @param table the table whose writes wake it
   * @param enabled false: nothing to deliver on this node (e.g. no provider registered a callback), nothing started
   */
  public OutboxWorker(String name, OutboxDispatcher<?, ?> dispatcher, String table, boolean enabled) {
    this.name = name;
    this.dispatcher = dispatcher;
    this.table = table;
    this.enabled = enabled;
  }

  /** after the commit that wrote a row (and in no transaction at all: at once) */
  @TransactionalEventListener(fallbackExecution = true)
  public void onWritten(OutboxWritten written) {
    if (!written.table().equals(table)) {
      return;
    }
    if (dispatcher.policy().inline()) {
      roundQuietly(Runnable::run);
    } else {
      wake();
    }
  }

  /** a round soon; one queued round is enough for any number of rows */
  public void wake() {
    ExecutorService running = rounds;
    if (running != null && roundQueued.compareAndSet(false, true)) {
      try {
        running.execute(() -> {
          roundQueued.set(false);
          roundQuietly(senders == null ? Runnable::run : senders);
        });
      } catch (RuntimeException stopping) {
        roundQueued.set(false);
      }
    }
  }

  private void roundQuietly(Executor on) {
    try {
      dispatcher.dispatchDue(on);
    } catch (RuntimeException e) {
      // the rows stay in the outbox; the next nudge or poll takes them, or another node once their leases ran out
      LOG.error("Outbox {}: round failed; its rows stay in the outbox", table, e);
    }
  }

  private void renewQuietly() {
    try {
      dispatcher.renewLeases();
    } catch (RuntimeException e) {
      LOG.error("Outbox {}: leases not renewed; rows whose lease runs out are not handed over", table, e);
    }
  }

  @Override
  public synchronized void start() {
    if (!enabled || dispatcher.policy().inline() || rounds != null) {
      return;
    }
    OutboxPolicy policy = dispatcher.policy();
    rounds = Executors.newSingleThreadExecutor(daemon(name + "-outbox"));
    if (policy.senders() > 0) {
      senders = new ThreadPoolExecutor(policy.senders(), policy.senders(), 1, TimeUnit.MINUTES,
          new LinkedBlockingQueue<>(), daemon(name + "-sender"));
    }
    timer = Executors.newSingleThreadScheduledExecutor(daemon(name + "-outbox-timer"));
    long renewal = Math.max(1, policy.renewal().toMillis());
    timer.scheduleWithFixedDelay(this::renewQuietly, renewal, renewal, TimeUnit.MILLISECONDS);
    long poll = policy.pollInterval().toMillis();
    if (poll > 0) {
      timer.scheduleWithFixedDelay(this::wake, 0, poll, TimeUnit.MILLISECONDS);
    }
  }

  /** the rounds and hand-overs under way finish first, their leases still renewed meanwhile */
  @Override
  public synchronized void stop() {
    try {
      for (ExecutorService executor : new ExecutorService[] {rounds, senders, timer}) {
        if (executor != null) {
          executor.shutdown();
          if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timer = null;
    rounds = null;
    senders = null;
  }

  @Override
  public boolean isRunning() {
    return rounds != null;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
