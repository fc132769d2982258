package cn.beian.verify.sms;

/** A text message to one mainland mobile number; {@code text} may carry a code and is never logged as is. */
public record OutgoingSms(String id, String verifierId, String to, String from, String text) {}
