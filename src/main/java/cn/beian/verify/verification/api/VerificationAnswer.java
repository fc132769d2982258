package cn.beian.verify.verification.api;

/** What a verifier is told (200): the result code and its verbatim message (RULES.md §5, §6). */
public record VerificationAnswer(String result, String message) {}
