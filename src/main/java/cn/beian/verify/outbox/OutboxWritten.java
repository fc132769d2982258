package cn.beian.verify.outbox;

/**
 * Published by whoever writes an outbox row, in the transaction that writes it: the table's {@link OutboxWorker} hears
 * it once that transaction committed (never for a rollback) and delivers.
 */
public record OutboxWritten(String table) {}
