package cn.beian.verify.verification;

import static cn.beian.verify.kernel.Timestamps.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Codes as keyed hashes of (phone, code); LIVE until used (USED) or killed (DEAD). */
@Repository
public class SmsCodeRepository {
  public enum Reason { FIRST, AUTO_RESEND, MANUAL_RESEND }

  /** a live or used code found by its hash */
  public record CodeMatch(String codeId, String verifierId) {}

  private final JdbcTemplate jdbc;

  public SmsCodeRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insertLive(String id, String verifierId, String codeHash, Reason reason, Instant at) {
    jdbc.update("INSERT INTO sms_code (id, verifier_id, code_hash, status, reason, issued_at) VALUES (?,?,?,'LIVE',?,?)",
        id, verifierId, codeHash, reason.name(), ts(at));
  }

  public boolean wasIssued(String verifierId, String codeHash) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM sms_code WHERE verifier_id = ? AND code_hash = ?",
        Integer.class, verifierId, codeHash) > 0;
  }

  public boolean hasAny(String verifierId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM sms_code WHERE verifier_id = ?", Integer.class, verifierId) > 0;
  }

  public List<CodeMatch> find(String codeHash, String status) {
    return jdbc.query("SELECT id, verifier_id FROM sms_code WHERE code_hash = ? AND status = ?",
        (rs, n) -> new CodeMatch(rs.getString("id"), rs.getString("verifier_id")), codeHash, status);
  }

  public boolean markUsed(String codeId, Instant at) {
    return jdbc.update("UPDATE sms_code SET status = 'USED', ended_at = ? WHERE id = ? AND status = 'LIVE'", ts(at), codeId) == 1;
  }

  /**
   * counts a wrong check on the verifier's live code
   *
   * @return the code's wrong checks, this one included; 0 when the verifier has no live code (its code is dead)
   */
  public int addWrongCheck(String verifierId) {
    if (jdbc.update("UPDATE sms_code SET wrong_checks = wrong_checks + 1 WHERE verifier_id = ? AND status = 'LIVE'",
        verifierId) == 0) {
      return 0;
    }
    // the update holds the row until this transaction ends: the count read here is this check's
    return jdbc.queryForObject("SELECT MAX(wrong_checks) FROM sms_code WHERE verifier_id = ? AND status = 'LIVE'",
        Integer.class, verifierId);
  }

  public int killLive(String verifierId, Instant at) {
    return jdbc.update("UPDATE sms_code SET status = 'DEAD', ended_at = ? WHERE verifier_id = ? AND status = 'LIVE'", ts(at), verifierId);
  }

  public int killLiveOfFiling(String filingId, Instant at) {
    return jdbc.update("UPDATE sms_code SET status = 'DEAD', ended_at = ? WHERE status = 'LIVE' "
        + "AND verifier_id IN (SELECT id FROM verifier WHERE filing_id = ?)", ts(at), filingId);
  }
}
