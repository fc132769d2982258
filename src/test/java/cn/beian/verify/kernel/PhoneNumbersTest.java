package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
  private static final List<String> REFUSED = List.of("166", "199", "198", "147");

  @ParameterizedTest
  @ValueSource(strings = {
      "13800138000", "+8613800138000", "8613800138000", "+86 138 0013 8000", "138-0013-8000",
      " 13800138000 ", "+86-138-0013-8000", "86 13800138000"})
  void shouldNormalizeAcceptedSpellingsToElevenDigits(String raw) {
    // given a mainland mobile number spelled with prefix, spaces or dashes
    // when it is normalised
    // then the bare 11 digits remain
    assertThat(PhoneNumbers.normalize(raw)).contains("13800138000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"19912345678", "13012345678", "17012345678"})
  void shouldAcceptEverySecondDigitFromThreeToNine(String raw) {
    // given numbers of segments 13x..19x
    // when / then they normalise to themselves
    assertThat(PhoneNumbers.normalize(raw)).contains(raw);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      "   ", "12800138000", "10800138000", "1380013800", "138001380001", "+85213800138000",
      "0086 13800138000", "+8612800138000", "1380013800a", "１３８００１３８０００", "+86", "86", "(+86)13800138000"})
  void shouldRejectAnythingButAMainlandMobile(String raw) {
    // given input that is not an 11-digit mainland mobile
    // when it is normalised
    // then nothing comes out
    assertThat(PhoneNumbers.normalize(raw)).isEmpty();
  }

  @Test
  void shouldMaskMiddleFourDigits() {
    // given a normalised number
    // when it is masked
    // then first 3 and last 4 digits stay
    assertThat(PhoneNumbers.mask("13800138000")).isEqualTo("138****8000");
  }

  @Test
  void shouldStarOutShortInputEntirely() {
    // given something too short to mask partially
    // when / then nothing of it is shown
    assertThat(PhoneNumbers.mask("12345")).isEqualTo("*****");
    assertThat(PhoneNumbers.mask(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"16612345678", "19912345678", "19812345678", "14712345678", "+86 166 1234 5678"})
  void shouldRefuseDefaultSegments(String phone) {
    // given a number of a refused segment (docs/rules.md §7) when / then it is refused
    assertThat(PhoneNumbers.hasRefusedSegment(phone, REFUSED)).isTrue();
  }

  @Test
  void shouldRefuseSegment166() {
    // given the default refused segments
    // when a 166 number is checked
    // then it is refused
    assertThat(PhoneNumbers.hasRefusedSegment("16600001111", REFUSED)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"13800138000", "16512345678", "14812345678", "19712345678"})
  void shouldAcceptOtherSegments(String phone) {
    // given a number outside the refused segments
    // when / then it is not refused
    assertThat(PhoneNumbers.hasRefusedSegment(phone, REFUSED)).isFalse();
  }

  @Test
  void shouldHonourConfiguredPrefixesOfAnyLength() {
    // given an operator configuration with a 4-digit prefix and padded values
    List<String> prefixes = List.of(" 1700 ", "");
    // when / then only that prefix is refused and the blank entry matches nothing
    assertThat(PhoneNumbers.hasRefusedSegment("17001234567", prefixes)).isTrue();
    assertThat(PhoneNumbers.hasRefusedSegment("17011234567", prefixes)).isFalse();
    assertThat(PhoneNumbers.hasRefusedSegment("16612345678", List.of())).isFalse();
  }
}
