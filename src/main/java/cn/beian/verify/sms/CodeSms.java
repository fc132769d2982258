package cn.beian.verify.sms;

import cn.beian.verify.verification.CodeMessages;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A code's SMS: its text (docs/rules.md §7), the sender number for the recipient's carrier, into the outbox. Once a
 * code to the verifier was undeliverable, its later codes go out through the unified sender 12381.
 */
@Component
class CodeSms implements CodeMessages {
  private final SenderNumbers senders;
  private final SmsOutbox outbox;

  CodeSms(SenderNumbers senders, SmsOutbox outbox) {
    this.senders = senders;
    this.outbox = outbox;
  }

  @Override
  public void enqueue(CodeMessage m) {
    String text = SmsTexts.verificationCode(m.code(), m.window(), m.deadline(), m.zone(), m.link());
    String sender = outbox.hadUndeliverable(m.verifierId()) ? senders.unified() : senders.senderFor(m.phone());
    outbox.enqueue(new OutgoingSms(UUID.randomUUID().toString(), m.verifierId(), m.phone(), sender, text), m.filingId());
  }
}
