package cn.beian.verify.filing;

import static cn.beian.verify.kernel.Timestamps.instant;

import cn.beian.verify.kernel.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The filing table and its trail (plain JDBC: portable between H2 and PostgreSQL). A request's row is read once per
 * transaction ({@link TransactionReadCache}): code that writes {@code filing} must do it here, so that the
 * transaction's next read sees the write (the one other writer, the erasure of personal data, reads nothing of the
 * row after it in its transaction).
 */
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
  /** a step reads its request a dozen times (timers, task texts, delegates): once per transaction is enough */
  private final TransactionReadCache<Filing> rows = new TransactionReadCache<>("filing");

  public FilingRepository(JdbcTemplate jdbc, Clock clock, List<FilingStatusListener> statusListeners,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.statusListeners = List.copyOf(statusListeners);
    this.events = events;
  }

  public void insert(Filing f, String entityNameEnc) {
    rows.forget(f.id());
    jdbc.update("INSERT INTO filing (id, provider_id, request_no, request_hash, type, province, service_type, "
            + "entity_name_enc, entity_changed, websites_changed, remarks_only, status, submitted_at) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        f.id(), f.providerId(), f.requestNo(), f.requestHash(), f.type().name(), f.province(), f.serviceType().name(),
        entityNameEnc, f.entityChanged(), f.websitesChanged(), f.remarksOnly(), f.status().name(), Timestamps.ts(f.submittedAt()));
    statusChanged(f.id(), f.status(), null, f.submittedAt());
  }

  /**
   * the request as this transaction last read or wrote it: read once per transaction (every write below forgets it,
   * a locking read replaces it), from the database each time outside a transaction
   */
  public Optional<Filing> find(String id) {
    return rows.get(id,
        () -> jdbc.query("SELECT " + COLUMNS + " FROM filing WHERE id = ?", FILING, id).stream().findFirst());
  }

  public Filing get(String id) {
    return find(id).orElseThrow(() -> new FilingNotFoundException(id));
  }

  public Optional<Filing> findByRequestNo(String providerId, String requestNo) {
    return jdbc.query("SELECT " + COLUMNS + " FROM filing WHERE provider_id = ? AND request_no = ?",
        FILING, providerId, requestNo).stream().findFirst();
  }

  /** the list's filters (docs/http-contract.md §1 "List"); null: any. {@code submittedTo} is exclusive */
  public record ListFilter(FilingStatus status, FilingType type, String province, Instant submittedFrom,
      Instant submittedTo) {}

  /** where a page of the list ends: the last request shown, by (submitted_at, id), newest first */
  public record ListKey(Instant submittedAt, String id) {}

  /**
   * One page of a provider's requests, newest submission first, after {@code after} (keyset pagination on
   * (submitted_at, id), served by ix_filing_provider_submitted: no OFFSET, a page costs the same however deep).
   */
  public List<Filing> list(String providerId, ListFilter filter, ListKey after, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM filing WHERE provider_id = ?");
    List<Object> args = new ArrayList<>(List.of(providerId));
    if (filter.status() != null) {
      sql.append(" AND status = ?");
      args.add(filter.status().name());
    }
    if (filter.type() != null) {
      sql.append(" AND type = ?");
      args.add(filter.type().name());
    }
    if (filter.province() != null) {
      sql.append(" AND province = ?");
      args.add(filter.province());
    }
    if (filter.submittedFrom() != null) {
      sql.append(" AND submitted_at >= ?");
      args.add(Timestamps.ts(filter.submittedFrom()));
    }
    if (filter.submittedTo() != null) {
      sql.append(" AND submitted_at < ?");
      args.add(Timestamps.ts(filter.submittedTo()));
    }
    if (after != null) {
      sql.append(" AND (submitted_at < ? OR (submitted_at = ? AND id < ?))");
      args.addAll(List.of(Timestamps.ts(after.submittedAt()), Timestamps.ts(after.submittedAt()), after.id()));
    }
    sql.append(" ORDER BY submitted_at DESC, id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
    return jdbc.query(sql.toString(), FILING, args.toArray());
  }

  /** serialises concurrent changes of one request (verifications finishing at once, withdrawal) */
  public Filing lock(String id) {
    Filing locked = jdbc.query("SELECT " + COLUMNS + " FROM filing WHERE id = ? FOR UPDATE", FILING, id).stream()
        .findFirst().orElseThrow(() -> new FilingNotFoundException(id));
    rows.put(id, locked);
    return locked;
  }

  public String entityNameEnc(String id) {
    return jdbc.queryForObject("SELECT entity_name_enc FROM filing WHERE id = ?", String.class, id);
  }

  public void updateStatus(String id, FilingStatus status) {
    rows.forget(id);
    if (jdbc.update("UPDATE filing SET status = ? WHERE id = ? AND status <> ?", status.name(), id, status.name()) == 1) {
      statusChanged(id, status, null, clock.instant());
    }
  }

  public void updateQuorum(String id, Quorum quorum) {
    rows.forget(id);
    jdbc.update("UPDATE filing SET quorum = ? WHERE id = ?", quorum.name(), id);
  }

  public void openWindow(String id, Instant startedAt, Instant deadline, Instant autoResendAt) {
    rows.forget(id);
    jdbc.update("UPDATE filing SET verification_started_at = ?, verification_deadline = ?, auto_resend_at = ? WHERE id = ?",
        Timestamps.ts(startedAt), Timestamps.ts(deadline), Timestamps.ts(autoResendAt), id);
  }

  /**
   * closes an open request; a request closed already stays as it was (false): the approval of a phone change that
   * the last verification already made (FilingService.verificationsComplete) is not made twice when the process
   * catches up
   */
  public boolean close(String id, FilingStatus status, ReturnReason reason, Instant at) {
    rows.forget(id);
    if (jdbc.update("UPDATE filing SET status = ?, return_reason = ?, closed_at = ? WHERE id = ? AND closed_at IS NULL",
        status.name(), reason == null ? null : reason.name(), Timestamps.ts(at), id) == 1) {
      statusChanged(id, status, reason, at);
      return true;
    }
    return false;
  }

  /**
   * the listeners write in this transaction (the callback outbox): the change and its notice commit together.
   * Provider and request number never change: the row as this transaction reads it gives them
   */
  private void statusChanged(String id, FilingStatus status, ReturnReason reason, Instant at) {
    if (statusListeners.isEmpty()) {
      return;
    }
    Filing keys = get(id);
    var change = new FilingStatusListener.StatusChange(id, keys.providerId(), keys.requestNo(), status, reason, at);
    statusListeners.forEach(listener -> listener.statusChanged(change));
  }

  public void recordReview(String id, String decision, String comment, String reviewer) {
    rows.forget(id);
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
