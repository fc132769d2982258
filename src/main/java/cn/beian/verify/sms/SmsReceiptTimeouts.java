package cn.beian.verify.sms;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Marks as NO_RECEIPT the messages whose final receipt did not come within {@code beian.sms.receipts.timeout}: on
 * every node, each message marked once (a conditional update decides which node), so the trail says it once.
 */
@Component
public class SmsReceiptTimeouts {
  private final SmsOutbox outbox;
  private final SmsReceiptProperties properties;
  private final Clock clock;

  public SmsReceiptTimeouts(SmsOutbox outbox, SmsReceiptProperties properties, Clock clock) {
    this.outbox = outbox;
    this.properties = properties;
    this.clock = clock;
  }

  /** @return how many messages this call marked NO_RECEIPT */
  public int markOverdue() {
    int marked = 0;
    while (true) {
      int round = outbox.markNoReceipt(clock.instant().minus(properties.timeout()), properties.batchSize());
      marked += round;
      if (round < properties.batchSize()) {
        return marked;
      }
    }
  }

  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class Schedule {
    @org.springframework.context.annotation.Bean
    PeriodicStep smsReceiptTimeoutStep(SmsReceiptTimeouts timeouts, SmsReceiptProperties properties) {
      return new PeriodicStep("sms-receipt-timeouts", properties.checkInterval(), timeouts::markOverdue);
    }
  }
}
