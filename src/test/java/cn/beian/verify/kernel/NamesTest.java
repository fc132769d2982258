package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

  @ParameterizedTest
  @CsvSource({
      "张三, 张*",
      "欧阳娜娜, 欧**娜",
      "王小明, 王*明",
      "李, 李",
      "司马相如如, 司***如",
      "Li Lei, L****i"
  })
  void shouldMaskAsInRules(String name, String masked) {
    // given a name
    // when it is masked
    // then first character kept, last kept from 3 characters on, the rest stars
    assertThat(Names.mask(name)).isEqualTo(masked);
  }

  @Test
  void shouldCountCodePointsNotChars() {
    // given names with a supplementary-plane character (𠮷, two UTF-16 chars)
    // when they are masked
    // then the character is kept whole and counted once
    assertThat(Names.mask("𠮷三")).isEqualTo("𠮷*");
    assertThat(Names.mask("张𠮷")).isEqualTo("张*");
    assertThat(Names.mask("王𠮷𠮷")).isEqualTo("王*𠮷");
    assertThat(Names.mask("𠮷")).isEqualTo("𠮷");
  }

  @Test
  void shouldHandleEmptyAndNull() {
    // given no name
    // when / then nothing is invented
    assertThat(Names.mask("")).isEmpty();
    assertThat(Names.mask(null)).isNull();
  }
}
