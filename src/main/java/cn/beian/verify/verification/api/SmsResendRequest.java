package cn.beian.verify.verification.api;

/** The body of {@code POST /api/v1/sms-resends} (docs/http-contract.md §2), as typed by the person. */
public record SmsResendRequest(String phone, String idLast6, String captchaToken) {}
