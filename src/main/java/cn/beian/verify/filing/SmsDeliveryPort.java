package cn.beian.verify.filing;

import java.time.Instant;
import java.util.Map;

/**
 * What the request's views ask of the SMS capability: the delivery state of the newest SMS to each verifier.
 * Implemented in the sms package, which builds on filing, so that filing never depends on sms.
 */
public interface SmsDeliveryPort {
  /** verifier id → its newest SMS's delivery; a verifier with no SMS, or none the carrier took yet, is absent */
  Map<String, LastSms> lastSmsOf(String filingId);

  /**
   * @param state SUBMITTED, DELIVERED, UNDELIVERABLE or NO_RECEIPT
   * @param at when it reached that state
   * @param carrierState the carrier's receipt state (DELIVRD, UNDELIV, ...), or null
   * @param carrierError the carrier's error code, or null
   */
  record LastSms(String state, Instant at, String carrierState, String carrierError) {}
}
