package cn.beian.verify.filing;

import static cn.beian.verify.kernel.Timestamps.instant;

import cn.beian.verify.kernel.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The filing table and its trail (plain JDBC: portable between H2 and PostgreSQL). */
@Repository
public class FilingRepository {
  private static final String COLUMNS = "id, provider_id, request_no, request_hash, type, province, service_type, "
      + "entity_changed, websites_changed, remarks_only, status, quorum, submitted_at, verification_started_at, "
      + "verification_deadline, auto_resend_at, return_reason, review_decision, review_comment, reviewed_by, closed_at";
  private static final RowMapper<Filing> FILING = FilingRepository::mapFiling;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final List<FilingStatusListener> statusListeners;
  private final ApplicationEventPublisher events;

  public FilingRepository(JdbcTemplate jdbc, Clock clock, List<FilingStatusListener> statusListeners,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.statusListeners = List.copyOf(statusListeners);
    this.events = events;
  }

  public void insert(Filing f, String entityNameEnc) {
    jdbc.update("INSERT INTO filing (id, provider_id, request_no, request_hash, type, province, service_type, "
            + "entity_name_enc, entity_changed, websites_changed, remarks_only, status, submitted_at) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        f.id(), f.providerId(), f.requestNo(), f.requestHash(), f.type().name(), f.province(), f.serviceType().name(),
        entityNameEnc, f.entityChanged(), f.websitesChanged(), f.remarksOnly(), f.status().name(), Timestamps.ts(f.submittedAt()));
    statusChanged(f.id(), f.status(), null, f.submittedAt());
  }

  public Optional<Filing> find(String id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM filing WHERE id = ?", FILING, id).stream().findFirst();
  }

  public Filing get(String id) {
    return find(id).orElseThrow(() -> new FilingNotFoundException(id));
  }

  public Optional<Filing> findByRequestNo(String providerId, String requestNo) {
    return jdbc.query("SELECT " + COLUMNS + " FROM filing WHERE provider_id = ? AND request_no = ?",
        FILING, providerId, requestNo).stream().findFirst();
  }

  /** serialises concurrent changes of one request (verifications finishing at once, withdrawal) */
  public Filing lock(String id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM filing WHERE id = ? FOR UPDATE", FILING, id).stream().findFirst()
        .orElseThrow(() -> new FilingNotFoundException(id));
  }

  public String entityNameEnc(String id) {
    return jdbc.queryForObject("SELECT entity_name_enc FROM filing WHERE id = ?", String.class, id);
  }

  public void updateStatus(String id, FilingStatus status) {
    if (jdbc.update("UPDATE filing SET status = ? WHERE id = ? AND status <> ?", status.name(), id, status.name()) == 1) {
      statusChanged(id, status, null, clock.instant());
    }
  }

  public void updateQuorum(String id, Quorum quorum) {
    jdbc.update("UPDATE filing SET quorum = ? WHERE id = ?", quorum.name(), id);
  }

  public void openWindow(String id, Instant startedAt, Instant deadline, Instant autoResendAt) {
    jdbc.update("UPDATE filing SET verification_started_at = ?, verification_deadline = ?, auto_resend_at = ? WHERE id = ?",
        Timestamps.ts(startedAt), Timestamps.ts(deadline), Timestamps.ts(autoResendAt), id);
  }

  public void close(String id, FilingStatus status, ReturnReason reason, Instant at) {
    if (jdbc.update("UPDATE filing SET status = ?, return_reason = ?, closed_at = ? WHERE id = ?",
        status.name(), reason == null ? null : reason.name(), Timestamps.ts(at), id) == 1) {
      statusChanged(id, status, reason, at);
    }
  }

  /** the listeners write in this transaction (the callback outbox): the change and its notice commit together */
  private void statusChanged(String id, FilingStatus status, ReturnReason reason, Instant at) {
    if (statusListeners.isEmpty()) {
      return;
    }
    var keys = jdbc.queryForMap("SELECT provider_id, request_no FROM filing WHERE id = ?", id);
    var change = new FilingStatusListener.StatusChange(id, (String) keys.get("provider_id"),
        (String) keys.get("request_no"), status, reason, at);
    statusListeners.forEach(listener -> listener.statusChanged(change));
  }

  public void recordReview(String id, String decision, String comment, String reviewer) {
    jdbc.update("UPDATE filing SET review_decision = ?, review_comment = ?, reviewed_by = ? WHERE id = ?",
        decision, comment, reviewer, id);
  }

  public void addEvent(String filingId, String verifierId, String event, Instant at, String detail) {
    jdbc.update("INSERT INTO filing_event (filing_id, verifier_id, event, at, detail) VALUES (?,?,?,?,?)",
        filingId, verifierId, event, Timestamps.ts(at), detail);
    events.publishEvent(new FilingEventRecorded(filingId, verifierId, event, at, detail));
  }

  public List<FilingEvent> events(String filingId) {
    return jdbc.query("SELECT id, filing_id, verifier_id, event, at, detail FROM filing_event WHERE filing_id = ? ORDER BY id",
        (rs, n) -> new FilingEvent(rs.getLong("id"), rs.getString("filing_id"), rs.getString("verifier_id"),
            rs.getString("event"), instant(rs, "at"), rs.getString("detail")),
        filingId);
  }

  private static Filing mapFiling(ResultSet rs, int n) throws SQLException {
    String reason = rs.getString("return_reason");
    String quorum = rs.getString("quorum");
    return Filing.builder()
        .id(rs.getString("id"))
        .providerId(rs.getString("provider_id"))
        .requestNo(rs.getString("request_no"))
        .requestHash(rs.getString("request_hash"))
        .type(FilingType.valueOf(rs.getString("type")))
        .province(rs.getString("province"))
        .serviceType(ServiceType.valueOf(rs.getString("service_type")))
        .entityChanged(rs.getBoolean("entity_changed"))
        .websitesChanged(rs.getBoolean("websites_changed"))
        .remarksOnly(rs.getBoolean("remarks_only"))
        .status(FilingStatus.valueOf(rs.getString("status")))
        .quorum(quorum == null ? null : Quorum.valueOf(quorum))
        .submittedAt(instant(rs, "submitted_at"))
        .verificationStartedAt(instant(rs, "verification_started_at"))
        .verificationDeadline(instant(rs, "verification_deadline"))
        .autoResendAt(instant(rs, "auto_resend_at"))
        .returnReason(reason == null ? null : ReturnReason.valueOf(reason))
        .reviewDecision(rs.getString("review_decision"))
        .reviewComment(rs.getString("review_comment"))
        .reviewedBy(rs.getString("reviewed_by"))
        .closedAt(instant(rs, "closed_at"))
        .build();
  }
}
