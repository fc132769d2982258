package cn.beian.verify.filing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The filing row is read once per transaction (a step reads it a dozen times), and never served stale: not across
 * transactions, not after the product wrote it, not in a nested transaction of its own, not outside a transaction.
 */
class FilingReadCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");

  private final AtomicInteger filingReads = new AtomicInteger();
  private JdbcTemplate direct;
  private FilingRepository filings;
  private TransactionTemplate inTransaction;
  private TransactionTemplate inNewTransaction;
  private String id;

  @BeforeEach
  void setUp() {
    DataSource dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:filing-read-cache-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    direct = new JdbcTemplate(dataSource);
    direct.execute("CREATE TABLE filing (id VARCHAR(36) PRIMARY KEY, provider_id VARCHAR(64) NOT NULL, "
        + "request_no VARCHAR(64) NOT NULL, request_hash VARCHAR(64) NOT NULL, type VARCHAR(20) NOT NULL, "
        + "province VARCHAR(8) NOT NULL, service_type VARCHAR(20) NOT NULL, entity_name_enc VARCHAR(2048) NOT NULL, "
        + "entity_changed BOOLEAN NOT NULL, websites_changed BOOLEAN NOT NULL, remarks_only BOOLEAN NOT NULL, "
        + "status VARCHAR(20) NOT NULL, quorum VARCHAR(8), submitted_at TIMESTAMP WITH TIME ZONE NOT NULL, "
        + "verification_started_at TIMESTAMP WITH TIME ZONE, verification_deadline TIMESTAMP WITH TIME ZONE, "
        + "auto_resend_at TIMESTAMP WITH TIME ZONE, return_reason VARCHAR(32), review_decision VARCHAR(16), "
        + "review_comment VARCHAR(2000), reviewed_by VARCHAR(64), closed_at TIMESTAMP WITH TIME ZONE)");
    JdbcTemplate counting = new JdbcTemplate(dataSource) {
      @Override
      public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
        if (sql.contains(" FROM filing WHERE id = ?")) {
          filingReads.incrementAndGet();
        }
        return super.query(sql, rowMapper, args);
      }
    };
    filings = new FilingRepository(counting, Clock.fixed(NOW, ZoneOffset.UTC), List.of(), event -> {});
    var transactions = new DataSourceTransactionManager(dataSource);
    inTransaction = new TransactionTemplate(transactions);
    inNewTransaction = new TransactionTemplate(transactions);
    inNewTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    id = UUID.randomUUID().toString();
    filings.insert(Filing.builder().id(id).providerId("provider-a").requestNo("R-1").requestHash("h")
        .type(FilingType.NEW_FILING).province("CN-GS").serviceType(ServiceType.WEBSITE)
        .status(FilingStatus.VERIFYING).submittedAt(NOW).build(), "enc");
    filingReads.set(0);
  }

  @Test
  void shouldReadTheRowOncePerTransaction() {
    // given a transaction that reads the request three times, as a verification step does
    // when
    inTransaction.executeWithoutResult(tx -> {
      filings.get(id);
      filings.find(id);
      filings.get(id);
    });
    // then one SELECT went to the database
    assertThat(filingReads).hasValue(1);
  }

  @Test
  void shouldReadAgainInTheNextTransaction() {
    // given a transaction that read the request
    inTransaction.executeWithoutResult(tx -> filings.get(id));
    // when another one changes it behind the repository's back, and a third reads it
    direct.update("UPDATE filing SET quorum = 'ANY' WHERE id = ?", id);
    Filing later = inTransaction.execute(tx -> filings.get(id));
    // then the third sees the change: nothing outlives the transaction that read it
    assertThat(later.quorum()).isEqualTo(Quorum.ANY);
    assertThat(filingReads).hasValue(2);
  }

  @Test
  void shouldReadAgainAfterTheProductWritesTheRow() {
    // when a transaction reads the request, opens its window, and reads it again (the timers' due dates)
    Instant deadline = NOW.plusSeconds(86_400);
    Filing after = inTransaction.execute(tx -> {
      assertThat(filings.get(id).verificationDeadline()).isNull();
      filings.openWindow(id, NOW, deadline, NOW.plusSeconds(3_600));
      Filing reread = filings.get(id);
      filings.get(id);
      return reread;
    });
    // then the second read saw the window, and only it went to the database again
    assertThat(after.verificationDeadline()).isEqualTo(deadline);
    assertThat(filingReads).hasValue(2);
  }

  @Test
  void shouldSeeEachWriteOfTheRepositoryInTheSameTransaction() {
    // when status, quorum, review and close are written between reads
    List<Filing> seen = inTransaction.execute(tx -> {
      filings.get(id);
      filings.updateStatus(id, FilingStatus.UNDER_REVIEW);
      Filing status = filings.get(id);
      filings.updateQuorum(id, Quorum.ALL);
      Filing quorum = filings.get(id);
      filings.recordReview(id, "APPROVED", "ok", "reviewer");
      Filing review = filings.get(id);
      filings.close(id, FilingStatus.APPROVED, null, NOW);
      Filing closed = filings.get(id);
      return List.of(status, quorum, review, closed);
    });
    // then each read saw the write before it
    assertThat(seen.get(0).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    assertThat(seen.get(1).quorum()).isEqualTo(Quorum.ALL);
    assertThat(seen.get(2).reviewedBy()).isEqualTo("reviewer");
    assertThat(seen.get(3).status()).isEqualTo(FilingStatus.APPROVED);
    assertThat(seen.get(3).closedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldServeWhatALockingReadFoundAfterAnEarlierRead() {
    // given a transaction that read the request before another transaction changed it
    Filing locked = inTransaction.execute(tx -> {
      filings.get(id);
      inNewTransaction.executeWithoutResult(nested ->
          direct.update("UPDATE filing SET status = 'WITHDRAWN' WHERE id = ?", id));
      // when it locks the row, and reads it again
      Filing lock = filings.lock(id);
      assertThat(filings.get(id)).isEqualTo(lock);
      return lock;
    });
    // then the locking read went to the database and what came after it is what the lock found
    assertThat(locked.status()).isEqualTo(FilingStatus.WITHDRAWN);
  }

  @Test
  void shouldGiveANestedTransactionItsOwnReads() {
    // given a transaction that read the request
    inTransaction.executeWithoutResult(tx -> {
      filings.get(id);
      // when a REQUIRES_NEW transaction inside it changes the row and reads it
      Filing nested = inNewTransaction.execute(inner -> {
        filings.get(id);
        direct.update("UPDATE filing SET quorum = 'ALL' WHERE id = ?", id);
        return null;
      });
      Filing afterNested = inNewTransaction.execute(inner -> filings.get(id));
      // then the nested ones read for themselves, and the outer one keeps its own read
      assertThat(nested).isNull();
      assertThat(afterNested.quorum()).isEqualTo(Quorum.ALL);
      assertThat(filings.get(id).quorum()).isNull();
    });
    assertThat(filingReads).hasValue(3);
  }

  @Test
  void shouldReadEveryTimeOutsideATransaction() {
    // when the request is read twice with no transaction (an API read)
    filings.get(id);
    direct.update("UPDATE filing SET quorum = 'ANY' WHERE id = ?", id);
    Filing second = filings.get(id);
    // then both reads went to the database
    assertThat(second.quorum()).isEqualTo(Quorum.ANY);
    assertThat(filingReads).hasValue(2);
  }
}
