package cn.beian.verify.verification.api;

/** The body of {@code POST /api/v1/sms-verifications} (docs/http-contract.md §2), as typed by the person. */
public record SmsVerificationRequest(String phone, String code, String idLast6, String captchaToken) {}
