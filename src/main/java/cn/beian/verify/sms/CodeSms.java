package cn.beian.verify.sms;

import cn.beian.verify.verification.CodeMessages;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A code's SMS: its text (docs/rules.md §7), the sender number for the recipient's carrier, into the outbox. */
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
    outbox.enqueue(new OutgoingSms(UUID.randomUUID().toString(), m.verifierId(), m.phone(), senders.senderFor(m.phone()),
        text), m.filingId());
  }
}
