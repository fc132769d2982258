package cn.beian.verify.sms.smpp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps submits to the rate agreed with the carrier: each caller waits for its slot, nobody is refused. Slots are
 * evenly spaced, so a burst of codes goes out at the rate instead of tripping the SMSC's throttling.
 */
final class SubmitPacer {
  private final long intervalNanos;
  private long nextSlot = System.nanoTime();

  SubmitPacer(double perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + perSecond);
    }
    this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
  }

  /** waits until the caller may submit; @return false when interrupted (the caller gives up) */
  boolean acquire() {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    long wait;
    while ((wait = slot - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
    return true;
  }
}
