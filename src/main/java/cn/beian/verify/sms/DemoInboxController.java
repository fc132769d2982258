package cn.beian.verify.sms;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.kernel.Problems;
import cn.beian.verify.kernel.Texts;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/dev/sms?phone=…}: the demo inbox of one phone, newest first (docs/http-contract.md §3); messages that cannot be
 * decrypted are left out (logged by {@link DemoInbox}).
 */
@RestController
@ConditionalOnProperty(name = "beian.sms.transport", havingValue = "builtin", matchIfMissing = true)
public class DemoInboxController {
  private final DemoInbox inbox;

  public DemoInboxController(DemoInbox inbox) {
    this.inbox = inbox;
  }

  @GetMapping("/api/v1/dev/sms")
  public ResponseEntity<?> messages(@RequestParam(required = false) String phone) {
    return PhoneNumbers.normalize(phone)
        .<ResponseEntity<?>>map(normalized -> ResponseEntity.ok(
            inbox.to(normalized).stream().filter(DemoInboxMessage::readable).toList()))
        .orElseGet(() -> badPhone(phone));
  }

  /** the one refusal of the inbox, for its API and its page alike: a 400 problem naming the phone */
  static ResponseEntity<Object> badPhone(String phone) {
    FieldError error = phone == null || phone.isBlank()
        ? new FieldError("phone", Texts.text("input.phone.missing"))
        : new FieldError("phone", Texts.text("input.phone.format"));
    return Problems.entity(Problems.invalid(Texts.text("input.invalid.title"),
        Texts.text("input.invalid.detail", error.message()), List.of(error)));
  }
}
