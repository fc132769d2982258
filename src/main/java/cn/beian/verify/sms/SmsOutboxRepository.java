package cn.beian.verify.sms;

import static cn.beian.verify.kernel.Timestamps.instant;
import static cn.beian.verify.kernel.Timestamps.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code sms_outbox} and {@code sms_outbox_part} tables (plain JDBC). Claiming, leasing and retrying its rows is
 * the outbox's (outbox/OutboxDispatcher, through SmsDispatcher).
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

  public Optional<StoredSms> find(String id) {
    return jdbc.query("SELECT * FROM sms_outbox WHERE id = ?", (rs, n) -> map(rs), id).stream().findFirst();
  }

  /** a row as the outbox reads it (OutboxDispatcher claims and leases it) */
  static StoredSms map(ResultSet rs) throws SQLException {
    return new StoredSms(rs.getString("id"), rs.getString("verifier_id"), rs.getString("filing_id"),
        rs.getString("to_masked"), rs.getString("to_enc"), rs.getString("sender"), rs.getString("text_enc"),
        rs.getString("status"), rs.getInt("attempts"), instant(rs, "created_at"), rs.getString("lease_owner"));
  }

  /** the carrier's id(s) of a message it accepted, one per part */
  public void recordCarrierIds(String id, List<String> carrierMessageIds) {
    if (!carrierMessageIds.isEmpty()) {
      jdbc.update("UPDATE sms_outbox SET carrier_message_id = ? WHERE id = ?",
          truncate(String.join(",", carrierMessageIds), 1024), id);
    }
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
