package cn.beian.verify.sms;

import static cn.beian.verify.kernel.Timestamps.instant;
import static cn.beian.verify.kernel.Timestamps.ts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code sms_outbox} and {@code sms_outbox_part} tables (plain JDBC). Claiming is a conditional update on
 * the lease, so it needs no row locks or SKIP LOCKED and runs the same on H2 and PostgreSQL.
 */
@Repository
public class SmsOutboxRepository {
  /** a message as the dispatcher reads it: still encrypted */
  public record StoredSms(String id, String verifierId, String filingId, String toMasked, String toEnc, String sender,
      String textEnc, String status, int attempts, Instant createdAt, String leaseOwner) {}

  private final JdbcTemplate jdbc;

  public SmsOutboxRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String id, String verifierId, String filingId, String toHash, String toMasked, String toEnc,
      String sender, String textEnc, Instant now) {
    jdbc.update("INSERT INTO sms_outbox (id, verifier_id, filing_id, to_hash, to_masked, to_enc, sender, text_enc, "
            + "status, attempts, next_attempt_at, created_at) VALUES (?,?,?,?,?,?,?,?,'PENDING',0,?,?)",
        id, verifierId, filingId, toHash, toMasked, toEnc, sender, textEnc, ts(now), ts(now));
  }

  /** the due, unleased messages, oldest due first */
  public List<String> due(Instant now, int limit) {
    return jdbc.queryForList("SELECT id FROM sms_outbox WHERE status = 'PENDING' AND next_attempt_at <= ? "
        + "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, id LIMIT ?",
        String.class, ts(now), ts(now), limit);
  }

  /** @return whether this owner now holds the message (nobody else held an unexpired lease on it) */
  public boolean claim(String id, String owner, Instant now, Instant leaseUntil) {
    return jdbc.update("UPDATE sms_outbox SET lease_owner = ?, lease_until = ? WHERE id = ? AND status = 'PENDING' "
        + "AND (lease_until IS NULL OR lease_until <= ?)", owner, ts(leaseUntil), id, ts(now)) == 1;
  }

  public Optional<StoredSms> find(String id) {
    return jdbc.query("SELECT * FROM sms_outbox WHERE id = ?", (rs, n) -> new StoredSms(rs.getString("id"),
        rs.getString("verifier_id"), rs.getString("filing_id"), rs.getString("to_masked"), rs.getString("to_enc"),
        rs.getString("sender"), rs.getString("text_enc"), rs.getString("status"), rs.getInt("attempts"),
        instant(rs, "created_at"), rs.getString("lease_owner")), id).stream().findFirst();
  }

  public void markSent(String id, List<String> carrierMessageIds, Instant now) {
    String ids = carrierMessageIds.isEmpty() ? null : truncate(String.join(",", carrierMessageIds), 1024);
    jdbc.update("UPDATE sms_outbox SET status = 'SENT', sent_at = ?, carrier_message_id = ?, lease_owner = NULL, "
        + "lease_until = NULL WHERE id = ? AND status = 'PENDING'", ts(now), ids, id);
  }

  public void reschedule(String id, int attempts, Instant nextAttemptAt, String error) {
    jdbc.update("UPDATE sms_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, lease_owner = NULL, "
        + "lease_until = NULL WHERE id = ? AND status = 'PENDING'", attempts, ts(nextAttemptAt), truncate(error, 255), id);
  }

  /** @return false when the message was no longer pending */
  public boolean markFailed(String id, int attempts, String error) {
    return jdbc.update("UPDATE sms_outbox SET status = 'FAILED', attempts = ?, last_error = ?, lease_owner = NULL, "
        + "lease_until = NULL WHERE id = ? AND status = 'PENDING'", attempts, truncate(error, 255), id) == 1;
  }

  public Map<Integer, String> parts(String id) {
    Map<Integer, String> parts = new LinkedHashMap<>();
    jdbc.query("SELECT part_no, carrier_message_id FROM sms_outbox_part WHERE outbox_id = ? ORDER BY part_no",
        rs -> {
          parts.put(rs.getInt("part_no"), rs.getString("carrier_message_id"));
        }, id);
    return parts;
  }

  public void insertPart(String id, int partNo, int partCount, String carrierMessageId, Instant now) {
    jdbc.update("INSERT INTO sms_outbox_part (outbox_id, part_no, part_count, carrier_message_id, submitted_at) "
        + "VALUES (?,?,?,?,?)", id, partNo, partCount, carrierMessageId, ts(now));
  }

  /** the message a carrier id belongs to */
  public Optional<String> messageOfPart(String carrierMessageId) {
    return jdbc.queryForList("SELECT outbox_id FROM sms_outbox_part WHERE carrier_message_id = ?", String.class,
        carrierMessageId).stream().findFirst();
  }

  public void recordPartReceipt(String carrierMessageId, String state, Instant now) {
    jdbc.update("UPDATE sms_outbox_part SET receipt = ?, receipt_at = ? WHERE carrier_message_id = ? AND receipt IS NULL",
        truncate(state, 12), ts(now), carrierMessageId);
  }

  /** [part count, parts with a receipt, parts delivered] of a message */
  public int[] receiptTally(String id) {
    return jdbc.queryForObject("SELECT MAX(part_count), COUNT(receipt), "
        + "SUM(CASE WHEN receipt = 'DELIVRD' THEN 1 ELSE 0 END) FROM sms_outbox_part WHERE outbox_id = ?",
        (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, id);
  }

  /** @return whether this call recorded the message's receipt (the first final one wins) */
  public boolean recordReceipt(String id, String state, Instant now) {
    return jdbc.update("UPDATE sms_outbox SET receipt = ?, delivered_at = ? WHERE id = ? AND receipt IS NULL",
        truncate(state, 12), ts(now), id) == 1;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
