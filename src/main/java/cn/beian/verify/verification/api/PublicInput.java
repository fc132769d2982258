package cn.beian.verify.verification.api;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.kernel.PhoneNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The format checks of the public endpoints, with the messages a verifier reads. Only input that passes them
 * reaches {@code VerificationService}, so a typo never counts as a failed attempt (docs/rules.md §5).
 */
final class PublicInput {
  private static final Pattern CODE = Pattern.compile("\\d{6}");
  private static final Pattern ID_LAST6 = Pattern.compile("[A-Za-z0-9]{6}");

  /** a check, normalised: phone = 11 digits, code = 6 digits, idLast6 = 6 letters or digits */
  record Check(String phone, String code, String idLast6) {}

  /** a resend request, normalised */
  record Resend(String phone, String idLast6) {}

  private PublicInput() {}

  static Check check(SmsVerificationRequest request) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> phone = phone(request.phone(), errors);
    String code = trimmed(request.code());
    if (code == null) {
      errors.add(new FieldError("code", "请填写短信验证码"));
    } else if (!CODE.matcher(code).matches()) {
      errors.add(new FieldError("code", "短信验证码应为6位数字"));
    }
    String idLast6 = idLast6(request.idLast6(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidPublicRequestException(errors);
    }
    return new Check(phone.orElseThrow(), code, idLast6);
  }

  static Resend resend(SmsResendRequest request) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> phone = phone(request.phone(), errors);
    String idLast6 = idLast6(request.idLast6(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidPublicRequestException(errors);
    }
    return new Resend(phone.orElseThrow(), idLast6);
  }

  private static Optional<String> phone(String raw, List<FieldError> errors) {
    if (trimmed(raw) == null) {
      errors.add(new FieldError("phone", "请填写手机号码"));
      return Optional.empty();
    }
    Optional<String> phone = PhoneNumbers.normalize(raw);
    if (phone.isEmpty()) {
      errors.add(new FieldError("phone", "手机号码格式不正确,应为11位中国大陆手机号码"));
    }
    return phone;
  }

  private static String idLast6(String raw, List<FieldError> errors) {
    String idLast6 = trimmed(raw);
    if (idLast6 == null) {
      errors.add(new FieldError("idLast6", "请填写证件号码后6位"));
    } else if (!ID_LAST6.matcher(idLast6).matches()) {
      errors.add(new FieldError("idLast6", "证件号码后6位应为6位字母或数字"));
    }
    return idLast6;
  }

  /** surrounding spaces are a copy-paste accident, not a different value; blank counts as missing */
  private static String trimmed(String raw) {
    return raw == null || raw.isBlank() ? null : raw.strip();
  }
}
