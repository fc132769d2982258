package cn.beian.verify.verification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Where an issued code leaves the product: the SMS is written in the issuing transaction and goes out after it
 * commits, never for a rolled-back issue. Implemented by sms (wording, sender number, outbox), which builds on
 * verification, so that verification never depends on sms.
 */
public interface CodeMessages {
  /** must run inside the transaction that issued the code */
  void enqueue(CodeMessage message);

  /**
   * @param code the six digits, in no other place than this message
   * @param window how long the verification stays open (docs/rules.md §4), as the text states it
   * @param deadline when it closes, shown in {@code zone}
   * @param link the short link that opens the verification page for this verifier; never carries the code
   */
  record CodeMessage(String verifierId, String filingId, String phone, String code, Duration window,
      Instant deadline, ZoneId zone, String link) {}
}
