package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityDocumentsTest {
  /** the business calendar's today, as the validator asks for it */
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  /** Computes the GB 11643 check character independently of the production code. */
  private static String withCheckChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int weight = (int) (Math.pow(2, 17 - i) % 11);
      sum += Character.getNumericValue(first17.charAt(i)) * weight;
    }
    int check = (12 - sum % 11) % 11;
    return first17 + (check == 10 ? "X" : String.valueOf(check));
  }

  @Test
  void shouldComputeKnownCheckCharactersInTheTestHelper() {
    // given the published example of GB 11643
    // when / then the helper agrees with it, so it can be trusted below
    assertThat(withCheckChar("11010519491231002")).isEqualTo("11010519491231002X");
  }

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002", "44030419900101001", "62010219900307123", "33010620000229765", "51010720240101444"})
  void shouldAcceptResidentIdWithCorrectCheckCharacter(String first17) {
    // given a resident ID whose check character was computed
    String id = withCheckChar(first17);
    // when / then it is valid
    assertThat(IdentityDocuments.isValidResidentId(id, TODAY)).as(id).isTrue();
    assertThat(IdentityDocuments.isWellFormed(IdType.RESIDENT_ID, id, TODAY)).isTrue();
  }

  @Test
  void shouldAcceptLowerCaseX() {
    // given a valid ID ending in X, written with lower-case x
    String id = withCheckChar("11010519491231002").toLowerCase();
    // when / then it is valid
    assertThat(IdentityDocuments.isValidResidentId(id, TODAY)).isTrue();
  }

  @Test
  void shouldRejectEveryWrongCheckCharacter() {
    // given a valid ID
    String valid = withCheckChar("44030419900101001");
    // when its check character is replaced by any other
    // then it is invalid
    for (char wrong : "0123456789X".toCharArray()) {
      if (wrong != valid.charAt(17)) {
        assertThat(IdentityDocuments.isValidResidentId(valid.substring(0, 17) + wrong, TODAY)).as("%s", wrong).isFalse();
      }
    }
  }

  @Test
  void shouldRejectSwappedDigits() {
    // given a valid ID with two adjacent digits swapped (a typical typing error)
    String valid = withCheckChar("44030419900101231");
    String swapped = valid.substring(0, 14) + valid.charAt(15) + valid.charAt(14) + valid.substring(16);
    // when / then the check character catches it
    assertThat(IdentityDocuments.isValidResidentId(swapped, TODAY)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"11010519490230002", "11010519491301002", "11010519490000002", "11010519000229002"})
  void shouldRejectImpossibleBirthDate(String first17) {
    // given an ID with a correct check character but no such date (Feb 30, month 13, day 0, 1900 not leap)
    String id = withCheckChar(first17);
    // when / then it is invalid
    assertThat(IdentityDocuments.isValidResidentId(id, TODAY)).as(id).isFalse();
  }

  @Test
  void shouldAcceptLeapDay() {
    // given an ID born on Feb 29 of a leap year
    // when / then it is valid
    assertThat(IdentityDocuments.isValidResidentId(withCheckChar("33010620000229765"), TODAY)).isTrue();
  }

  @Test
  void shouldRejectBirthDateInTheFuture() {
    // given an ID born tomorrow and one born today
    LocalDate today = LocalDate.of(2026, 3, 1);
    String bornTomorrow = withCheckChar("110105" + "20260302" + "123");
    String bornToday = withCheckChar("110105" + "20260301" + "123");
    // when / then only today's birth is possible
    assertThat(IdentityDocuments.isValidResidentId(bornTomorrow, today)).isFalse();
    assertThat(IdentityDocuments.isValidResidentId(bornToday, today)).isTrue();
    assertThat(IdentityDocuments.isValidResidentId(withCheckChar("110105" + "29991231" + "123"), TODAY)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "11010519491231002", "11010519491231002X1", "1101051949123100XX", "A1010519491231002X",
      " 11010519491231002X", "11010519491231002Y"})
  void shouldRejectMalformedResidentId(String id) {
    // given something that is not 17 digits plus a digit or X
    // when / then it is invalid
    assertThat(IdentityDocuments.isValidResidentId(id, TODAY)).isFalse();
  }

  @Test
  void shouldRejectNullEverywhere() {
    // given null input
    // when / then nothing is valid and nothing fails
    assertThat(IdentityDocuments.isValidResidentId(null, TODAY)).isFalse();
    assertThat(IdentityDocuments.isWellFormed(IdType.PASSPORT, null, TODAY)).isFalse();
    assertThat(IdentityDocuments.isWellFormed(null, "E12345678", TODAY)).isFalse();
    assertThat(IdentityDocuments.last6(null)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
      "PASSPORT, E12345678, true",
      "PASSPORT, ab123, true",
      "PASSPORT, A1234567890123456, true",
      "PASSPORT, A123, false",
      "PASSPORT, A12345678901234567, false",
      "PASSPORT, E1234-5678, false",
      "HK_MACAO_PERMIT, H12345678, true",
      "HK_MACAO_PERMIT, m1234567890, true",
      "HK_MACAO_PERMIT, C12345678, true",
      "HK_MACAO_PERMIT, CA1234567, true",
      "HK_MACAO_PERMIT, H123456789, false",
      "HK_MACAO_PERMIT, X12345678, false",
      "HK_MACAO_PERMIT, H1234567, false",
      "TAIWAN_PERMIT, 12345678, true",
      "TAIWAN_PERMIT, 1234567890, true",
      "TAIWAN_PERMIT, 123456789, false",
      "TAIWAN_PERMIT, T1234567, false",
      "RESIDENT_ID, 11010519491231002X, true",
      "RESIDENT_ID, 110105194912310021, false"
  })
  void shouldCheckFormatOfEachDocumentType(IdType type, String number, boolean wellFormed) {
    // given a document number of a type
    // when / then its format is judged by the type's rule
    assertThat(IdentityDocuments.isWellFormed(type, number, TODAY)).isEqualTo(wellFormed);
  }

  @Test
  void shouldTakeLastSixUpperCased() {
    // given document numbers with lower-case letters or shorter than 6
    // when / then the upper-cased last 6 (or all) characters are returned
    assertThat(IdentityDocuments.last6("11010519491231002x")).isEqualTo("31002X");
    assertThat(IdentityDocuments.last6("e1234ab9")).isEqualTo("234AB9");
    assertThat(IdentityDocuments.last6("ab123")).isEqualTo("AB123");
  }
}
