package cn.beian.verify.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.TestData;
import cn.beian.verify.testdb.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where the request limits' buckets live: on PostgreSQL in the database, so every node of a cluster shares them
 * (ClusterTest shows the sharing itself), on the embedded H2 in the node's memory. Either way the store holds no
 * phone, no phone hash and no client address that could be read back.
 */
@PortalIntegrationTest
class SharedRequestLimitsTest extends HttpTestSupport {
  @Autowired BucketStore store;

  @Test
  void shouldKeepTheBucketsInTheDatabaseOnPostgresqlAndInMemoryOnH2() {
    // given a phone that has not been checked before
    String phone = TestData.phone();
    int rowsBefore = rows().size();

    // when a check names it
    Response answer = post("/api/v1/sms-verifications", null,
        Map.of("phone", phone, "code", "123456", "idLast6", "07123X", "captchaToken", "forged"));
    assertThat(answer.status()).isEqualTo(200);

    // then on PostgreSQL its bucket (and the client's) is a row of the shared table, on H2 nothing is written
    if (TestDatabases.postgresql()) {
      assertThat(store).isInstanceOf(JdbcBucketStore.class);
      JdbcBucketStore shared = (JdbcBucketStore) store;
      assertThat(rows()).contains(shared.rowId("phone:" + hashes.phone(phone)));
    } else {
      assertThat(store).isInstanceOf(LocalBucketStore.class);
      assertThat(rows()).hasSize(rowsBefore).isEmpty();
    }
    // and no row holds the phone, its lookup hash or the client's address
    for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM rate_limit_bucket")) {
      String text = row.values().stream().map(v -> v instanceof byte[] b ? new String(b) : String.valueOf(v))
          .reduce("", String::concat);
      assertThat(text).doesNotContain(phone, hashes.phone(phone), "127.0.0.1");
    }
  }

  @Test
  void shouldDeleteTheRowsOfBucketsThatAreFullAgainAndKeepTheOthers() {
    if (!(store instanceof JdbcBucketStore shared)) {
      // on H2 the buckets are in memory: LocalBucketStore drops idle ones itself (RequestBucketsTest)
      assertThat(TestDatabases.postgresql()).isFalse();
      return;
    }
    // given two buckets in use, one of them full again (its expiry passed)
    String full = TestData.phone(), inUse = TestData.phone();
    for (String phone : List.of(full, inUse)) {
      post("/api/v1/sms-verifications", null,
          Map.of("phone", phone, "code", "123456", "idLast6", "07123X", "captchaToken", "forged"));
    }
    String fullRow = shared.rowId("phone:" + hashes.phone(full)), inUseRow = shared.rowId("phone:" + hashes.phone(inUse));
    jdbc.update("UPDATE rate_limit_bucket SET expires_at = 0 WHERE id = ?", fullRow);

    // when the store clears out
    shared.removeExpired();

    // then only the full one is gone
    assertThat(rows()).doesNotContain(fullRow).contains(inUseRow);
  }

  private List<String> rows() {
    return jdbc.queryForList("SELECT id FROM rate_limit_bucket", String.class);
  }
}
