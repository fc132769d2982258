package cn.beian.verify.retention;

import static cn.beian.verify.kernel.Timestamps.ts;

import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end of a request's personal data (PIPL art. 19 and 47): once the retention period after its closing has passed,
 * the encrypted names, phones, ID numbers and SMS texts of the request and every lookup hash that could match them
 * (phone, ID suffix, code, short-link token, request body) are erased; the demo inbox's copies are deleted. What stays
 * is what the provider and the bureau read as the request's record, masked (张*, 138****8000, statuses, times,
 * counts, the trail, the review decision) and the statistics.
 *
 * <p>Several nodes run this against one database at the same time. A request is erased in one transaction that
 * starts with a conditional update of its row: exactly one node's update finds it not yet erased, the others find
 * nothing to do (on PostgreSQL they wait for the winner's commit and then see it erased). A node that dies mid-way
 * rolls back and the request is due again on the next run.
 */
@Component
public class PersonalDataRetention {
  /** the trail's entry for the erasure: when, not what */
  public static final String PERSONAL_DATA_ERASED = "PERSONAL_DATA_ERASED";
  /** what an erased request's body hash becomes: a repeated requestNo is then a conflict (409), never a match */
  static final String ERASED_REQUEST_HASH = "ERASED";
  private static final Logger LOG = LoggerFactory.getLogger(PersonalDataRetention.class);
  private static final String CLOSED = String.join(",", Collections.nCopies(closedStatuses().size(), "?"));
  private static final String VERIFIERS_OF_FILING = "SELECT id FROM verifier WHERE filing_id = ?";

  private final JdbcTemplate jdbc;
  private final FilingRepository filings;
  private final RetentionProperties properties;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public PersonalDataRetention(JdbcTemplate jdbc, FilingRepository filings, RetentionProperties properties,
      Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.filings = filings;
    this.properties = properties;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** the nightly run (on every node: they share the work without doing any twice) */
  @Scheduled(cron = "${beian.retention.cron}", zone = "${beian.verification.zone}")
  public void nightly() {
    int erased = eraseDue();
    if (erased > 0) {
      LOG.info("Erased the personal data of {} request(s) closed more than {} days ago", erased, properties.days());
    }
  }

  /**
   * Erases every request that closed before the retention period, round after round.
   *
   * @return how many requests this call erased (others may have been erased by other nodes meanwhile)
   */
  public int eraseDue() {
    int erased = 0;
    while (true) {
      Instant cutoff = clock.instant().minus(properties.period());
      List<Object> args = new ArrayList<>(List.of(ts(cutoff)));
      args.addAll(closedStatuses());
      args.add(properties.batchSize());
      List<String> due = new ArrayList<>(jdbc.queryForList("SELECT id FROM filing WHERE personal_data_erased_at IS NULL "
          + "AND closed_at <= ? AND status IN (" + CLOSED + ") ORDER BY closed_at, id LIMIT ?", String.class,
          args.toArray()));
      // nodes starting together take the same rows in different orders, so they mostly erase different requests
      Collections.shuffle(due);
      int round = 0;
      for (String filingId : due) {
        if (erase(filingId, cutoff)) {
          round++;
        }
      }
      erased += round;
      // a short round was the last one; a round of nothing but lost races leaves the rest to the other nodes
      if (due.size() < properties.batchSize() || round == 0) {
        return erased;
      }
    }
  }

  /** @return whether this call erased the request (false: not due, open, or erased by another node) */
  public boolean erase(String filingId, Instant cutoff) {
    try {
      return Boolean.TRUE.equals(ownTransaction.execute(tx -> eraseInTransaction(filingId, cutoff)));
    } catch (DataAccessException e) {
      // another node holds the row (lock timeout, serialization failure): it erases it, or the next run does
      LOG.warn("Personal data of request {} not erased this time: {}", filingId, e.getClass().getSimpleName());
      return false;
    }
  }

  private boolean eraseInTransaction(String filingId, Instant cutoff) {
    Instant now = clock.instant();
    List<Object> args = new ArrayList<>(List.of(ts(now), ERASED_REQUEST_HASH, filingId, ts(cutoff)));
    args.addAll(closedStatuses());
    int won = jdbc.update("UPDATE filing SET personal_data_erased_at = ?, entity_name_enc = NULL, request_hash = ? "
        + "WHERE id = ? AND personal_data_erased_at IS NULL AND closed_at IS NOT NULL AND closed_at <= ? "
        + "AND status IN (" + CLOSED + ")", args.toArray());
    if (won == 0) {
      return false;
    }
    jdbc.update("UPDATE filing_person SET name_enc = NULL, phone_hash = NULL, phone_enc = NULL, id_number_enc = NULL, "
        + "id_suffix_hash = NULL WHERE filing_id = ?", filingId);
    jdbc.update("UPDATE sms_code SET code_hash = NULL WHERE verifier_id IN (" + VERIFIERS_OF_FILING + ")", filingId);
    jdbc.update("DELETE FROM sms_message WHERE verifier_id IN (" + VERIFIERS_OF_FILING + ")", filingId);
    // a message still waiting for the carrier this long after the request closed will never be wanted
    jdbc.update("UPDATE sms_outbox SET status = 'FAILED', last_error = 'personal data erased', lease_owner = NULL, "
        + "lease_until = NULL WHERE status = 'PENDING' AND (filing_id = ? OR verifier_id IN (" + VERIFIERS_OF_FILING
        + "))", filingId, filingId);
    jdbc.update("UPDATE sms_outbox SET to_hash = NULL, to_enc = NULL, text_enc = NULL "
        + "WHERE filing_id = ? OR verifier_id IN (" + VERIFIERS_OF_FILING + ")", filingId, filingId);
    jdbc.update("UPDATE verifier SET name_enc = NULL, phone_hash = NULL, phone_enc = NULL, id_suffix_hash = NULL, "
        + "link_token_hash = NULL WHERE filing_id = ?", filingId);
    filings.addEvent(filingId, null, PERSONAL_DATA_ERASED, now, null);
    return true;
  }

  /** closed requests more than a day past the period and still not erased: the nightly run has not done its work */
  public long countOverdue() {
    Instant cutoff = clock.instant().minus(properties.period()).minus(Duration.ofDays(1));
    List<Object> args = new ArrayList<>(List.of(ts(cutoff)));
    args.addAll(closedStatuses());
    return jdbc.queryForObject("SELECT COUNT(*) FROM filing WHERE personal_data_erased_at IS NULL AND closed_at <= ? "
        + "AND status IN (" + CLOSED + ")", Long.class, args.toArray());
  }

  private static List<String> closedStatuses() {
    return Arrays.stream(FilingStatus.values()).filter(s -> !s.isOpen()).map(Enum::name).toList();
  }
}
