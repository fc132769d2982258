package cn.beian.verify.verification;

import static cn.beian.verify.kernel.Timestamps.instant;
import static cn.beian.verify.kernel.Timestamps.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class VerifierRepository {
  private final JdbcTemplate jdbc;

  public VerifierRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Verifier v) {
    jdbc.update("INSERT INTO verifier (id, filing_id, roles, name_enc, name_masked, phone_hash, phone_enc, phone_masked, "
            + "id_suffix_hash, status, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        v.id(), v.filingId(), String.join(",", v.roles()), v.nameEnc(), v.nameMasked(), v.phoneHash(), v.phoneEnc(),
        v.phoneMasked(), v.idSuffixHash(), v.status().name(), ts(v.createdAt()));
  }

  public Optional<Verifier> find(String id) {
    return jdbc.query("SELECT * FROM verifier WHERE id = ?", VerifierRepository::map, id).stream().findFirst();
  }

  /** the verifier whose verification task this is (attached when the task was created) */
  public Optional<Verifier> findByTaskId(String taskId) {
    return jdbc.query("SELECT * FROM verifier WHERE task_id = ?", VerifierRepository::map, taskId).stream().findFirst();
  }

  public Verifier get(String id) {
    return find(id).orElseThrow(() -> new IllegalStateException("no verifier " + id));
  }

  /**
   * in the order of the submission (V5_4): verifiers are written in the order of their first person, and persons
   * are read in the order they were submitted
   */
  public List<Verifier> ofFiling(String filingId) {
    return jdbc.query("SELECT * FROM verifier WHERE filing_id = ? ORDER BY seq", VerifierRepository::map, filingId);
  }

  public List<String> idsOfFiling(String filingId, VerifierStatus status) {
    return jdbc.queryForList("SELECT id FROM verifier WHERE filing_id = ? AND status = ? ORDER BY seq",
        String.class, filingId, status.name());
  }

  /**
   * the pending verifications of a phone whose window is open at {@code now}, in every request
   * (docs/rules.md §2: one phone may be pending in several requests at once)
   */
  public List<Verifier> pendingByPhone(String phoneHash, Instant now) {
    return jdbc.query("SELECT v.* FROM verifier v JOIN filing f ON f.id = v.filing_id "
            + "WHERE v.phone_hash = ? AND v.status = 'PENDING' AND f.verification_deadline > ? ORDER BY v.created_at, v.id",
        VerifierRepository::map, phoneHash, ts(now));
  }

  /** @return false when the verifier was no longer in {@code from} (another check or the process got there first) */
  public boolean transition(String id, VerifierStatus from, VerifierStatus to, Instant at) {
    return jdbc.update("UPDATE verifier SET status = ?, verified_at = CASE WHEN ? = 'VERIFIED' THEN ? ELSE verified_at END "
        + "WHERE id = ? AND status = ?", to.name(), to.name(), ts(at), id, from.name()) == 1;
  }

  public int transitionAll(String filingId, VerifierStatus from, VerifierStatus to) {
    return jdbc.update("UPDATE verifier SET status = ? WHERE filing_id = ? AND status = ?", to.name(), filingId, from.name());
  }

  /** counts one failed attempt atomically; @return the new count, or -1 if the verifier is no longer pending */
  public int addFailedAttempt(String id) {
    int updated = jdbc.update("UPDATE verifier SET failed_attempts = failed_attempts + 1 WHERE id = ? AND status = 'PENDING'", id);
    return updated == 0 ? -1 : jdbc.queryForObject("SELECT failed_attempts FROM verifier WHERE id = ?", Integer.class, id);
  }

  /** @return whether the manual resend was within the limit and has been counted */
  public boolean countManualResend(String id, int limit) {
    return jdbc.update("UPDATE verifier SET manual_resends = manual_resends + 1 "
        + "WHERE id = ? AND status = 'PENDING' AND manual_resends < ?", id, limit) == 1;
  }

  /** @return whether this call is the one automatic resend */
  public boolean markAutoResent(String id) {
    return jdbc.update("UPDATE verifier SET auto_resent = TRUE WHERE id = ? AND status = 'PENDING' AND auto_resent = FALSE", id) == 1;
  }

  public void recordSent(String id, Instant at, String linkTokenHash) {
    jdbc.update("UPDATE verifier SET first_sent_at = COALESCE(first_sent_at, ?), last_sent_at = ?, link_token_hash = ? WHERE id = ?",
        ts(at), ts(at), linkTokenHash, id);
  }

  public void attachTask(String id, String taskId, String executionId) {
    jdbc.update("UPDATE verifier SET task_id = ?, execution_id = ? WHERE id = ?", taskId, executionId, id);
  }

  static Verifier map(ResultSet rs, int n) throws SQLException {
    return Verifier.builder()
        .id(rs.getString("id"))
        .filingId(rs.getString("filing_id"))
        .roles(Arrays.asList(rs.getString("roles").split(",")))
        .nameEnc(rs.getString("name_enc"))
        .nameMasked(rs.getString("name_masked"))
        .phoneHash(rs.getString("phone_hash"))
        .phoneEnc(rs.getString("phone_enc"))
        .phoneMasked(rs.getString("phone_masked"))
        .idSuffixHash(rs.getString("id_suffix_hash"))
        .status(VerifierStatus.valueOf(rs.getString("status")))
        .failedAttempts(rs.getInt("failed_attempts"))
        .manualResends(rs.getInt("manual_resends"))
        .autoResent(rs.getBoolean("auto_resent"))
        .firstSentAt(instant(rs, "first_sent_at"))
        .lastSentAt(instant(rs, "last_sent_at"))
        .verifiedAt(instant(rs, "verified_at"))
        .taskId(rs.getString("task_id"))
        .executionId(rs.getString("execution_id"))
        .createdAt(instant(rs, "created_at"))
        .build();
  }
}
