package cn.beian.verify.notify;

/**
 * One delivery attempt of a callback, published as a Spring application event for whoever counts them:
 * acknowledged with a 2xx ({@code delivered}) or failed and scheduled again. Carries no body.
 */
public record CallbackAttempted(long callbackId, String filingId, String providerId, boolean delivered, int attempt) {}
