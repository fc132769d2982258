package cn.beian.verify.outbox;

/**
 * A table of the outbox's shape: {@code id}, {@code attempts}, {@code next_attempt_at}, {@code lease_owner} (at least
 * 36 characters), {@code lease_until}, {@code last_error} (255), {@code created_at}, beside the kind's own columns
 * (V2 {@code callback_outbox}, V3 {@code sms_outbox}). The fragments below are the only SQL a kind writes.
 *
 * @param name the table
 * @param pending the condition of a row still to deliver, on its own columns (e.g. {@code status = 'PENDING'})
 * @param sent the SET clause of a delivered row; its one parameter is the time of the hand-over
 * @param givenUp the SET clause of a row given up for good; null when the kind never gives up (retries forever)
 * @param inOrderOf a column whose rows are delivered one after the other, in id order (a row waits until every
 *     earlier one of the same value is delivered); null: any order
 */
public record OutboxTable(String name, String pending, String sent, String givenUp, String inOrderOf) {}
