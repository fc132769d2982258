package cn.beian.verify.retention;

import static cn.beian.verify.TestData.last6;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.kernel.HashDomains;
import cn.beian.verify.kernel.KeyedHasher;
import cn.beian.verify.ops.OpsTestSupport;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The personal-data lifecycle on a moved clock (the product's clock is the engine's): before the retention period
 * nothing is erased, after it nothing of the people can be decrypted or matched while the request's masked record and
 * trail still read; an open request is never erased; nodes erasing at the same time erase each request once.
 */
class PersonalDataRetentionTest extends OpsTestSupport {
  private static final Duration PERIOD = Duration.ofDays(180);

  @Autowired PersonalDataRetention retention;
  @Autowired FilingRepository filings;
  @Autowired KeyedHasher hasher;
  @Autowired RetentionProperties properties;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Clock clock;

  @Test
  void shouldEraseTheEncryptedPersonalDataAndLookupHashesOnlyOnceThePeriodHasPassed() throws Exception {
    // given a request that went its whole way and closed (approved)
    assertThat(properties.period()).isEqualTo(PERIOD);
    WholePath path = runWholePath();
    Instant closedAt = filings.get(path.filingId()).closedAt();
    String lastCode = path.codes().get(1);
    List<String> trailBefore = trail(path.filingId());

    // when the erasure runs a minute before the period is over
    setClock(closedAt.plus(PERIOD).minus(Duration.ofMinutes(1)));
    retention.eraseDue();

    // then nothing is erased: the person is still found by phone and code, the inbox still holds the messages
    assertThat(erasedAt(path.filingId())).isNull();
    assertThat(check(path.zhang().phone(), lastCode, last6(path.zhang()))).isEqualTo("ALREADY_VERIFIED");
    assertThat(smsTo(path.zhang().phone())).isNotEmpty();
    assertThat(cipher.decrypt(jdbc.queryForObject("SELECT phone_enc FROM verifier WHERE filing_id = ? AND "
        + "name_masked = '张*'", String.class, path.filingId()))).isEqualTo(path.zhang().phone());

    // when a day and a minute later the erasure has still not run, the operators are told
    setClock(closedAt.plus(PERIOD).plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)));
    assertThat(value(scrape(), "beian_retention_overdue")).isPositive();
    // and when it runs
    retention.eraseDue();

    // then the request is erased, once, and nothing is overdue any more
    assertThat(erasedAt(path.filingId())).isNotNull();
    assertThat(value(scrape(), "beian_retention_overdue")).isZero();
    // and a check with the old phone and code finds nothing, the demo inbox holds nothing, the ID suffix matches nothing
    assertThat(check(path.zhang().phone(), lastCode, last6(path.zhang()))).isEqualTo("NOT_FOUND");
    assertThat(check(path.li().phone(), path.codes().get(2), last6(path.li()))).isEqualTo("NOT_FOUND");
    assertThat(smsTo(path.zhang().phone())).isEmpty();
    assertThat(get("/api/v1/dev/sms?phone=" + path.li().phone(), null).body()).isEmpty();
    // and no table of the database holds the people's data in clear, a hash that matches it, or a ciphertext of it
    assertNothingOfThePeopleIsLeft(path);

    // and the request's record still reads, masked, with its whole trail and the erasure at its end
    Response view = get("/api/v1/filings/" + path.filingId(), PROVIDER_A_KEY);
    assertThat(view.status()).isEqualTo(200);
    assertThat(view.body().get("status").asText()).isEqualTo("APPROVED");
    assertThat(view.body().get("verifiers")).extracting(v -> v.get("name").asText())
        .containsExactlyInAnyOrder("张*", "李*");
    assertThat(view.body().get("verifiers")).extracting(v -> v.get("phone").asText())
        .allSatisfy(phone -> assertThat(phone).matches("1\\d{2}\\*{4}\\d{4}"));
    assertThat(view.body().get("verifiers")).extracting(v -> v.get("status").asText()).containsOnly("VERIFIED");
    List<String> history = new ArrayList<>();
    view.body().get("history").forEach(h -> history.add(h.get("event").asText()));
    List<String> expected = new ArrayList<>(trailBefore);
    expected.add(PersonalDataRetention.PERSONAL_DATA_ERASED);
    assertThat(history).containsExactlyElementsOf(expected);
    assertThat(trail(path.filingId())).containsExactlyElementsOf(expected);

    // when the same requestNo and body come again, they match nothing: the number is taken (409)
    assertThat(post("/api/v1/filings", PROVIDER_A_KEY, path.submission()).status()).isEqualTo(409);
    // and another run erases nothing twice
    retention.eraseDue();
    assertThat(trail(path.filingId())).filteredOn(PersonalDataRetention.PERSONAL_DATA_ERASED::equals).hasSize(1);
  }

  @Test
  void shouldNeverEraseAnOpenRequestHoweverOld() {
    // given a request still in verification
    Person zhang = TestData.person("张三");
    FilingSubmission submission = TestData.newFiling("CN-GS", zhang, zhang);
    String filingId = post("/api/v1/filings", PROVIDER_B_KEY, submission).body().get("filingId").asText();
    runJobs(filingId);

    // when the erasure runs ten years later
    setClock(Instant.now().plus(Duration.ofDays(3650)));
    retention.eraseDue();

    // then its people's data is all there
    assertThat(erasedAt(filingId)).isNull();
    assertThat(jdbc.queryForList("SELECT phone_enc FROM filing_person WHERE filing_id = ?", String.class, filingId))
        .isNotEmpty().allSatisfy(enc -> assertThat(cipher.decrypt(enc)).isEqualTo(zhang.phone()));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM verifier WHERE filing_id = ? AND phone_hash = ?",
        Integer.class, filingId, hashes.phone(zhang.phone()))).isEqualTo(1);
  }

  @Test
  void shouldEraseEachRequestExactlyOnceWhenSeveralNodesRunAtOnce() throws Exception {
    // given eight requests withdrawn (closed) at once
    List<String> closed = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String filingId = post("/api/v1/filings", PROVIDER_B_KEY,
          TestData.newFiling("CN-GS", TestData.person("张三"), TestData.person("李四"))).body().get("filingId").asText();
      runJobs(filingId);
      assertThat(delete("/api/v1/filings/" + filingId, PROVIDER_B_KEY).status()).isEqualTo(200);
      closed.add(filingId);
    }
    Instant latest = closed.stream().map(id -> filings.get(id).closedAt()).max(Instant::compareTo).orElseThrow();
    setClock(latest.plus(PERIOD).plusSeconds(1));
    int erasedBefore = countErasureEvents();

    // when three nodes, reading three at a time, run the erasure at the same moment
    RetentionProperties small = new RetentionProperties(PERIOD, "-", 3);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(3);
    List<Future<Integer>> runs = new ArrayList<>();
    try {
      for (int n = 0; n < 3; n++) {
        PersonalDataRetention node = new PersonalDataRetention(jdbc, filings, small, clock, transactions);
        Callable<Integer> run = () -> {
          start.await();
          return node.eraseDue();
        };
        runs.add(nodes.submit(run));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> run : runs) {
        total += run.get(60, TimeUnit.SECONDS);
      }

      // then every request is erased, each by exactly one node, and the nodes' counts add up to the erasures
      for (String filingId : closed) {
        assertThat(erasedAt(filingId)).as(filingId).isNotNull();
        assertThat(trail(filingId)).filteredOn(PersonalDataRetention.PERSONAL_DATA_ERASED::equals).as(filingId)
            .hasSize(1);
      }
      assertThat(total).isEqualTo(countErasureEvents() - erasedBefore).isGreaterThanOrEqualTo(closed.size());
    } finally {
      nodes.shutdownNow();
    }
  }

  private void assertNothingOfThePeopleIsLeft(WholePath path) throws SQLException {
    // unique to this request's people (every test's people are called 张三 and 李四: names are checked apart)
    List<String> unique = new ArrayList<>(List.of(path.zhang().phone(), path.li().phone(), path.zhang().idNumber(),
        path.li().idNumber()));
    unique.addAll(path.linkTokens());
    List<String> plain = new ArrayList<>(unique);
    plain.addAll(List.of("张三", "李四"));
    List<String> hashed = new ArrayList<>(List.of(hashes.phone(path.zhang().phone()), hashes.phone(path.li().phone()),
        hashes.idSuffix(path.zhang().phone(), last6(path.zhang())), hashes.idSuffix(path.li().phone(), last6(path.li())),
        hasher.hash(HashDomains.REQUEST, path.submission().toString())));
    for (String code : path.codes()) {
      hashed.add(hashes.code(path.zhang().phone(), code));
      hashed.add(hashes.code(path.li().phone(), code));
    }
    path.linkTokens().forEach(token -> hashed.add(hashes.linkToken(token)));

    // every table of the schema, read through JDBC metadata (H2 names them in upper case, PostgreSQL in lower)
    List<String> tables = tableNames();
    assertThat(tables).map(t -> t.toUpperCase(Locale.ROOT)).contains("FILING", "FILING_PERSON", "VERIFIER", "SMS_CODE", "SMS_OUTBOX", "SMS_MESSAGE",
        "FILING_EVENT", "ACT_HI_VARINST");
    int ciphertexts = 0;
    for (String table : tables) {
      for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM \"" + table + "\"")) {
        for (Map.Entry<String, Object> cell : row.entrySet()) {
          String text = text(cell.getValue());
          if (text == null) {
            continue;
          }
          String where = (table + "." + cell.getKey()).toUpperCase(Locale.ROOT);
          for (String value : plain) {
            assertThat(text).as("%s holds personal data in clear", where).doesNotContain(value);
          }
          for (String value : hashed) {
            assertThat(text).as("%s holds a hash that matches the people", where).doesNotContain(value);
          }
          if (text.startsWith("v1:")) {
            ciphertexts++;
            String decrypted = cipher.decrypt(text);
            for (String value : unique) {
              assertThat(decrypted).as("%s decrypts to the people's data", where).doesNotContain(value);
            }
          }
        }
      }
      // and no row of this request, in any table that refers to it or its verifiers, holds a ciphertext at all
      for (Map<String, Object> row : rowsOfTheRequest(table, path.filingId())) {
        assertThat(row.values()).as("a ciphertext left in %s", table)
            .noneMatch(v -> v instanceof String text && text.startsWith("v1:"));
      }
    }
    // the scan did look at ciphertexts: other requests' people are still there
    assertThat(ciphertexts).isPositive();
  }

  private List<Map<String, Object>> rowsOfTheRequest(String table, String filingId) {
    List<String> columns = columnNames(table);
    String verifiers = "SELECT id FROM verifier WHERE filing_id = ?";
    if (table.equalsIgnoreCase("FILING")) {
      return jdbc.queryForList("SELECT * FROM filing WHERE id = ?", filingId);
    }
    if (columns.contains("FILING_ID") && columns.contains("VERIFIER_ID")) {
      return jdbc.queryForList("SELECT * FROM \"" + table + "\" WHERE filing_id = ? OR verifier_id IN (" + verifiers + ")",
          filingId, filingId);
    }
    if (columns.contains("FILING_ID")) {
      return jdbc.queryForList("SELECT * FROM \"" + table + "\" WHERE filing_id = ?", filingId);
    }
    if (columns.contains("VERIFIER_ID")) {
      return jdbc.queryForList("SELECT * FROM \"" + table + "\" WHERE verifier_id IN (" + verifiers + ")", filingId);
    }
    return List.of();
  }

  /** the schema's tables as the database names them (H2: upper case, PostgreSQL: lower case; Flyway's quoted) */
  private List<String> tableNames() {
    return jdbc.execute((ConnectionCallback<List<String>>) connection -> {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
      return names;
    });
  }

  private List<String> columnNames(String table) {
    return jdbc.execute((ConnectionCallback<List<String>>) connection -> {
      List<String> names = new ArrayList<>();
      DatabaseMetaData metadata = connection.getMetaData();
      try (ResultSet rs = metadata.getColumns(null, connection.getSchema(), table, "%")) {
        while (rs.next()) {
          names.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
        }
      }
      return names;
    });
  }

  private static String text(Object value) throws SQLException {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof Blob blob) {
      return new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
    }
    return null;
  }

  private Object erasedAt(String filingId) {
    return jdbc.queryForObject("SELECT personal_data_erased_at FROM filing WHERE id = ?", Object.class, filingId);
  }

  private List<String> trail(String filingId) {
    return jdbc.queryForList("SELECT event FROM filing_event WHERE filing_id = ? ORDER BY id", String.class, filingId);
  }

  private int countErasureEvents() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM filing_event WHERE event = ?", Integer.class,
        PersonalDataRetention.PERSONAL_DATA_ERASED);
  }
}
