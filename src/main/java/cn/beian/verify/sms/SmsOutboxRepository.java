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
      String textEnc, String status, int attempts, Instant createdAt, String leaseOwner, String toHash,
      String deliveryState, String reroutedFrom) {}

  /** a part whose carrier id a receipt names: its message and that message's recipient (hashed) */
  public record PartOwner(String messageId, String toHash) {}

  /** the delivery state of one message, for the views */
  public record Delivery(String messageId, String verifierId, DeliveryState state, Instant at, String receipt,
      String error) {}

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
        rs.getString("status"), rs.getInt("attempts"), instant(rs, "created_at"), rs.getString("lease_owner"),
        rs.getString("to_hash"), rs.getString("delivery_state"), rs.getString("rerouted_from"));
  }

  /** the same text (and code) again, to the same phone, from another sender: a re-route of an undeliverable message */
  public void insertReroute(String id, StoredSms of, String sender, Instant now) {
    jdbc.update("INSERT INTO sms_outbox (id, verifier_id, filing_id, to_hash, to_masked, to_enc, sender, text_enc, "
            + "status, attempts, next_attempt_at, created_at, rerouted_from) VALUES (?,?,?,?,?,?,?,?,'PENDING',0,?,?,?)",
        id, of.verifierId(), of.filingId(), of.toHash(), of.toMasked(), of.toEnc(), sender, of.textEnc(), ts(now),
        ts(now), of.id());
  }

  /** takes the message's row lock: the receipts of its parts, on any node, are tallied one after the other */
  public void lock(String id) {
    jdbc.queryForList("SELECT id FROM sms_outbox WHERE id = ? FOR UPDATE", String.class, id);
  }

  /** every part with this carrier id, newest first (a carrier may reuse ids after a long time) */
  public List<PartOwner> ownersOfPart(String carrierMessageId) {
    return jdbc.query("SELECT p.outbox_id, o.to_hash FROM sms_outbox_part p JOIN sms_outbox o ON o.id = p.outbox_id "
            + "WHERE p.carrier_message_id = ? ORDER BY p.submitted_at DESC",
        (rs, n) -> new PartOwner(rs.getString(1), rs.getString(2)), carrierMessageId);
  }

  /** @return whether this call recorded the part's receipt (the first final one wins, a replay changes nothing) */
  public boolean recordPartReceipt(String messageId, String carrierMessageId, String state, String error, Instant now) {
    return jdbc.update("UPDATE sms_outbox_part SET receipt = ?, receipt_error = ?, receipt_at = ? "
            + "WHERE outbox_id = ? AND carrier_message_id = ? AND receipt IS NULL",
        truncate(state, 12), truncate(error, 8), ts(now), messageId, carrierMessageId) > 0;
  }

  /** the first failed part's state and error, for a message that is undeliverable */
  public Optional<String[]> firstFailedPart(String messageId) {
    return jdbc.query("SELECT receipt, receipt_error FROM sms_outbox_part WHERE outbox_id = ? AND receipt IS NOT NULL "
            + "AND receipt <> 'DELIVRD' ORDER BY part_no", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
        messageId).stream().findFirst();
  }

  /**
   * Settles the message's delivery state from its receipts; a NO_RECEIPT is settled by a receipt that comes late.
   *
   * @return whether this call settled it
   */
  public boolean settle(String id, DeliveryState state, String receipt, String error, Instant now) {
    return jdbc.update("UPDATE sms_outbox SET delivery_state = ?, delivery_state_at = ?, receipt = ?, receipt_error = ?, "
            + "delivered_at = ? WHERE id = ? AND (delivery_state IS NULL OR delivery_state IN ('SUBMITTED', 'NO_RECEIPT'))",
        state.name(), ts(now), truncate(receipt, 12), truncate(error, 8), ts(now), id) == 1;
  }

  /** messages the carrier accepted at or before {@code cutoff} and that have no final receipt, oldest first */
  public List<String> waitingForReceiptSince(Instant cutoff, int limit) {
    return jdbc.queryForList("SELECT id FROM sms_outbox WHERE delivery_state = 'SUBMITTED' AND delivery_state_at <= ? "
        + "ORDER BY delivery_state_at LIMIT ?", String.class, ts(cutoff), limit);
  }

  /** @return whether this call (on whichever node) marked it: a receipt or another node may have been first */
  public boolean markNoReceipt(String id, Instant cutoff, Instant now) {
    return jdbc.update("UPDATE sms_outbox SET delivery_state = 'NO_RECEIPT', delivery_state_at = ? "
        + "WHERE id = ? AND delivery_state = 'SUBMITTED' AND delivery_state_at <= ?", ts(now), id, ts(cutoff)) == 1;
  }

  /** the newest message to each verifier of a request, with its delivery state (null before the carrier took it) */
  public Map<String, Delivery> lastOfEachVerifier(String filingId) {
    Map<String, Delivery> last = new LinkedHashMap<>();
    jdbc.query("SELECT id, verifier_id, delivery_state, delivery_state_at, receipt, receipt_error FROM sms_outbox "
        + "WHERE filing_id = ? AND verifier_id IS NOT NULL ORDER BY created_at, rerouted_from NULLS FIRST", rs -> {
          String state = rs.getString("delivery_state");
          last.put(rs.getString("verifier_id"), new Delivery(rs.getString("id"), rs.getString("verifier_id"),
              state == null ? null : DeliveryState.valueOf(state), instant(rs, "delivery_state_at"),
              rs.getString("receipt"), rs.getString("receipt_error")));
        }, filingId);
    return last;
  }

  /** whether a later message than this one went to its verifier (a resend, whose new code killed this one's) */
  public boolean hasLaterMessage(StoredSms sms) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM sms_outbox WHERE verifier_id = ? AND id <> ? AND "
        + "(created_at > ? OR rerouted_from = ?)", Integer.class, sms.verifierId(), sms.id(), ts(sms.createdAt()),
        sms.id()) > 0;
  }

  /** whether a message to this verifier was undeliverable: its later messages go through the unified sender */
  public boolean hadUndeliverable(String verifierId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM sms_outbox WHERE verifier_id = ? AND delivery_state = 'UNDELIVERABLE'",
        Integer.class, verifierId) > 0;
  }

  /** the carrier's id(s) of a message it accepted, one per part */
  /**
   * a message handed over: its carrier ids, and its delivery state SUBMITTED (the carrier accepted every part) unless
   * a receipt was faster than this record — in one statement, not two
   */
  public void recordSubmitted(String id, List<String> carrierMessageIds, Instant at) {
    jdbc.update("UPDATE sms_outbox SET carrier_message_id = ?, "
            + "delivery_state_at = CASE WHEN delivery_state IS NULL THEN ? ELSE delivery_state_at END, "
            + "delivery_state = COALESCE(delivery_state, 'SUBMITTED') WHERE id = ?",
        truncate(String.join(",", carrierMessageIds), 1024), ts(at), id);
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

  /** [part count, parts with a receipt, parts delivered] of a message */
  public int[] receiptTally(String id) {
    return jdbc.queryForObject("SELECT MAX(part_count), COUNT(receipt), "
        + "SUM(CASE WHEN receipt = 'DELIVRD' THEN 1 ELSE 0 END) FROM sms_outbox_part WHERE outbox_id = ?",
        (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, id);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
