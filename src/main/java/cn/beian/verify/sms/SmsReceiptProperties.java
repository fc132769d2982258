package cn.beian.verify.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery receipts ({@code beian.sms.receipts.*}).
 *
 * @param timeout how long after the carrier accepted a message its final receipt may take before the message counts as
 *     NO_RECEIPT (a receipt that comes later still settles it)
 * @param checkInterval how often each node looks for messages past the timeout; PT0S: never (tests drive it)
 * @param batchSize messages marked per look
 */
@ConfigurationProperties("beian.sms.receipts")
public record SmsReceiptProperties(
    @DefaultValue("PT30M") Duration timeout,
    @DefaultValue("PT1M") Duration checkInterval,
    @DefaultValue("200") int batchSize) {

  public SmsReceiptProperties {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("beian.sms.receipts.timeout must be positive");
    }
    if (checkInterval == null || checkInterval.isNegative()) {
      throw new IllegalArgumentException("beian.sms.receipts.check-interval must not be negative");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("beian.sms.receipts.batch-size must be positive");
    }
  }
}
