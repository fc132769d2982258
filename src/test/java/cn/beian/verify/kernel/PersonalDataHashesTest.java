package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonalDataHashesTest {
  private final PersonalDataHashes hashes =
      new PersonalDataHashes(new KeyedHasher("a test key of thirty-two bytes!!".getBytes(StandardCharsets.US_ASCII)));

  @Test
  void shouldMatchTheStoredSuffixIgnoringCaseAndBlanks() {
    // given a resident ID ending in X, stored as the hash of its last 6 characters (FilingService)
    String phone = "13800138000";
    String stored = hashes.idSuffix(phone, IdentityDocuments.last6("11010519491231002X"));

    // when the verifier types the suffix in lower case with blanks, then it matches; a wrong or partial one does not
    assertThat(hashes.idSuffix(phone, " 31002x ")).isEqualTo(stored);
    assertThat(hashes.idSuffix(phone, "31002X")).isEqualTo(stored);
    assertThat(hashes.idSuffix(phone, "31002Y")).isNotEqualTo(stored);
    assertThat(hashes.idSuffix(phone, "1002X")).isNotEqualTo(stored);
    assertThat(hashes.idSuffix(phone, "231002X")).isNotEqualTo(stored);
    assertThat(hashes.idSuffix(phone, "   ")).isNotEqualTo(stored);
    // and the same suffix under another phone is another key
    assertThat(hashes.idSuffix("13900139000", "31002X")).isNotEqualTo(stored);
  }
}
