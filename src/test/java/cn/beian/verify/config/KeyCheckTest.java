package cn.beian.verify.config;

import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.testdb.ApplicationNode;
import cn.beian.verify.testdb.TestDatabase;
import cn.beian.verify.testdb.TestDatabases;
import java.security.SecureRandom;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.NestedExceptionUtils;

/**
 * A node whose keys are not those its database was written with refuses to start and says which key: it would
 * otherwise start silently and answer NOT_FOUND to right codes checked on it. One database for the class, first
 * written by a node with the suite's keys (application-test.yaml) and a request with personal data.
 */
@Tag(TestDatabases.TAG)
class KeyCheckTest {
  private static final String HMAC_KEY = "beian.secrets.hmac-key", DATA_KEY = "beian.secrets.data-key";
  private static TestDatabase database;

  @BeforeAll
  static void writtenByANodeWithTheSuitesKeys() {
    database = TestDatabases.fresh("keys");
    try (ApplicationNode first = node().start()) {
      first.bean(FilingService.class).submit("provider-test", TestData.newFiling("CN-GS", person("张三"), person("李四")));
      assertThat(first.jdbc().queryForList("SELECT key_name FROM key_check", String.class))
          .containsExactlyInAnyOrder("hmac", "data");
    }
  }

  private static ApplicationNode.Builder node() {
    return ApplicationNode.on(database);
  }

  private static String otherKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static StartupCheckException refusal(ThrowableAssert.ThrowingCallable start) {
    Throwable thrown = catchThrowable(start);
    assertThat(thrown).as("the node must not start").isNotNull();
    assertThat(NestedExceptionUtils.getMostSpecificCause(thrown)).isInstanceOf(StartupCheckException.class);
    return (StartupCheckException) NestedExceptionUtils.getMostSpecificCause(thrown);
  }

  @Test
  void shouldRefuseANodeWithAnotherHmacKeyNamingIt() {
    StartupCheckException refused = refusal(() -> node().property(HMAC_KEY, otherKey()).start().close());

    assertThat(refused).hasMessageContaining("The HMAC key (BEIAN_SECRETS_HMAC_KEY) is not the one this database "
        + "was written with").hasMessageNotContaining("BEIAN_SECRETS_DATA_KEY");
    assertThat(refused.action()).contains("same BEIAN_SECRETS_HMAC_KEY");
  }

  @Test
  void shouldRefuseANodeWithAnotherDataKeyNamingIt() {
    StartupCheckException refused = refusal(() -> node().property(DATA_KEY, otherKey()).start().close());

    assertThat(refused).hasMessageContaining("The data key (BEIAN_SECRETS_DATA_KEY) is not the one this database "
        + "was written with").hasMessageNotContaining("BEIAN_SECRETS_HMAC_KEY");
  }

  @Test
  void shouldStartANodeWithTheSameKeysAndRecordNothingNew() {
    node().start().close();

    assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM key_check", Integer.class)).isEqualTo(2);
  }

  @Test
  void shouldProveTheKeysOnDataWrittenBeforeTheCheckExisted() {
    // given the database as it was before key_check: data, but no check values
    database.jdbc().update("DELETE FROM key_check");

    // then other keys are refused on the data itself, and are not recorded as the right ones
    assertThat(refusal(() -> node().property(DATA_KEY, otherKey()).start().close()))
        .hasMessageContaining("BEIAN_SECRETS_DATA_KEY");
    assertThat(refusal(() -> node().property(HMAC_KEY, otherKey()).start().close()))
        .hasMessageContaining("BEIAN_SECRETS_HMAC_KEY");

    assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM key_check", Integer.class)).isZero();

    // and the right keys start and are recorded again
    node().start().close();
    assertThat(database.jdbc().queryForList("SELECT key_name FROM key_check", String.class))
        .containsExactlyInAnyOrder("hmac", "data");
  }
}
