package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProvincesTest {

  @Test
  void shouldListThe31MainlandProvincesOnce() {
    assertThat(Provinces.codes()).hasSize(31).doesNotHaveDuplicates().allMatch(code -> code.matches("CN-[A-Z]{2}"));
  }

  @Test
  void shouldNameProvincesInChinese() {
    assertThat(Provinces.nameOf("CN-GS")).isEqualTo("甘肃");
    assertThat(Provinces.nameOf("CN-ZJ")).isEqualTo("浙江");
    assertThat(Provinces.nameOf("CN-HL")).isEqualTo("黑龙江");
    assertThat(Provinces.nameOf("CN-NM")).isEqualTo("内蒙古");
  }

  @Test
  void shouldNameEveryProvinceInChinese() {
    // every code has its short name in the bundle, two or three Chinese characters
    assertThat(Provinces.codes()).allSatisfy(code -> assertThat(Provinces.nameOf(code)).matches("\\p{IsHan}{2,3}"));
  }

  @Test
  void shouldKnowOnlyMainlandCodes() {
    assertThat(Provinces.isKnown("CN-GS")).isTrue();
    assertThat(Provinces.isKnown("CN-HK")).isFalse();
    assertThat(Provinces.isKnown("CN-TW")).isFalse();
    assertThat(Provinces.isKnown("cn-gs")).isFalse();
    assertThat(Provinces.isKnown(null)).isFalse();
  }

  @Test
  void shouldRefuseToNameAnUnknownCode() {
    assertThatThrownBy(() -> Provinces.nameOf("CN-XX")).isInstanceOf(IllegalArgumentException.class);
  }
}
