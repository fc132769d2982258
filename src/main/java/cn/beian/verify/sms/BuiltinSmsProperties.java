package cn.beian.verify.sms;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in gateway's simulated carrier ({@code beian.sms.builtin.*}, with {@code beian.sms.transport=builtin},
 * never in the prod profile).
 *
 * @param receiptDelay how long after the hand-over a message's simulated receipt comes
 * @param receiptInterval how often each node looks for receipts to simulate; PT0S: never (tests drive it)
 * @param undeliverableNumbers demo phones whose messages the simulated carrier reports undeliverable (UNDELIV, err 001)
 */
@ConfigurationProperties("beian.sms.builtin")
public record BuiltinSmsProperties(
    @DefaultValue("PT2S") Duration receiptDelay,
    @DefaultValue("PT1S") Duration receiptInterval,
    @DefaultValue({}) List<String> undeliverableNumbers) {

  public BuiltinSmsProperties {
    undeliverableNumbers = undeliverableNumbers == null ? List.of() : List.copyOf(undeliverableNumbers);
    if (receiptDelay == null || receiptDelay.isNegative() || receiptInterval == null || receiptInterval.isNegative()) {
      throw new IllegalArgumentException("beian.sms.builtin.receipt-delay and receipt-interval must not be negative");
    }
  }
}
