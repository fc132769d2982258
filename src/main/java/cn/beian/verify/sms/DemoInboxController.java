package cn.beian.verify.sms;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.kernel.Problems;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/dev/sms?phone=…}: the demo inbox of one phone, newest first (API.md §3); messages that cannot be
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

  private static ResponseEntity<Object> badPhone(String phone) {
    FieldError error = phone == null || phone.isBlank()
        ? new FieldError("phone", "请填写手机号码")
        : new FieldError("phone", "手机号码格式不正确,应为11位中国大陆手机号码");
    return Problems.entity(Problems.invalid("请求信息不正确", "请检查以下信息后重新提交:" + error.message(), List.of(error)));
  }
}
