package cn.beian.verify.kernel;

import java.time.Duration;

/** A request over one of the abuse limits: answered 429 with Retry-After, before anything is spent or counted. */
public class TooManyRequestsException extends RuntimeException {
  private final transient Duration wait;

  /** @param detail why, in Chinese, without the wait (added to the answer) */
  public TooManyRequestsException(String detail, Duration wait) {
    super(detail, null, false, false);
    this.wait = wait;
  }

  /** how long until the request would be allowed, in whole seconds, at least 1 */
  public long retryAfterSeconds() {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
