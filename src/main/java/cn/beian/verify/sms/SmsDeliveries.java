package cn.beian.verify.sms;

import cn.beian.verify.filing.SmsDeliveryPort;
import cn.beian.verify.sms.SmsOutboxRepository.Delivery;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The newest SMS of each verifier as the request's views show it (docs/http-contract.md §1, {@code sms}). */
@Component
class SmsDeliveries implements SmsDeliveryPort {
  private final SmsOutboxRepository outbox;

  SmsDeliveries(SmsOutboxRepository outbox) {
    this.outbox = outbox;
  }

  @Override
  public Map<String, LastSms> lastSmsOf(String filingId) {
    Map<String, LastSms> last = new LinkedHashMap<>();
    for (Delivery d : outbox.lastOfEachVerifier(filingId).values()) {
      if (d.state() != null) {
        last.put(d.verifierId(), new LastSms(d.state().name(), d.at(), d.receipt(), d.error()));
      }
    }
    return last;
  }
}
