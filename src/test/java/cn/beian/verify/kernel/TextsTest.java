package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.MissingResourceException;
import org.junit.jupiter.api.Test;

class TextsTest {

  @Test
  void shouldFillEveryPlaceholderWithItsArgument() {
    // given a text with two placeholders; when
    String text = Texts.text("filing.invalid.value", "申请类型", "FOO");

    // then
    assertThat(text).isEqualTo("申请类型无效: FOO");
  }

  @Test
  void shouldNeverFillInPlaceholdersThatAClientsValueCarries() {
    // given a client's value that looks like a placeholder, and one with regex replacement syntax
    String text = Texts.text("filing.invalid.value", "{1}", "$1 \\ {0}");

    // when / then both are shown as they were given
    assertThat(text).isEqualTo("{1}无效: $1 \\ {0}");
  }

  @Test
  void shouldRefuseAKeyTheBundleDoesNotHave() {
    assertThat(Texts.has("no.such.key")).isFalse();
    assertThatThrownBy(() -> Texts.text("no.such.key")).isInstanceOf(MissingResourceException.class);
  }
}
