package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataCipherTest {
  private static final byte[] KEY = randomKey();
  private final PersonalDataCipher cipher = new PersonalDataCipher(KEY);

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002X", "欧阳娜娜", "13800138000", "𠮷野家 张三", ""})
  void shouldRoundTrip(String plain) {
    // given personal data, Chinese text included
    // when it is encrypted and decrypted
    String token = cipher.encrypt(plain);
    // then the token is versioned, hides the text, and gives it back unchanged
    assertThat(token).startsWith("v1:");
    if (!plain.isEmpty()) {
      assertThat(token).doesNotContain(plain);
    }
    assertThat(cipher.decrypt(token)).isEqualTo(plain);
  }

  @Test
  void shouldCarryATwelveByteIvAndASixteenByteTag() {
    // given a two-character name, 6 bytes in UTF-8
    // when it is encrypted
    byte[] raw = Base64.getDecoder().decode(cipher.encrypt("张三").substring(3));
    // then the token holds IV (12) + ciphertext (6 UTF-8 bytes) + tag (16)
    assertThat(raw).hasSize(12 + 6 + 16);
  }

  @Test
  void shouldGiveDifferentTokensForTheSamePlainText() {
    // given the same ID number twice
    // when it is encrypted twice
    // then the tokens differ (fresh IV) and both decrypt
    String first = cipher.encrypt("11010519491231002X");
    String second = cipher.encrypt("11010519491231002X");
    assertThat(first).isNotEqualTo(second);
    assertThat(cipher.decrypt(first)).isEqualTo(cipher.decrypt(second));
  }

  @Test
  void shouldDetectTampering() {
    // given a token with one bit flipped in the ciphertext, the IV and the tag
    byte[] raw = Base64.getDecoder().decode(cipher.encrypt("11010519491231002X").substring(3));
    for (int position : new int[] {0, 12, raw.length - 1}) {
      byte[] tampered = raw.clone();
      tampered[position] ^= 1;
      String token = "v1:" + Base64.getEncoder().encodeToString(tampered);
      // when / then decryption refuses it
      assertThatThrownBy(() -> cipher.decrypt(token)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void shouldFailWithTheWrongKey() {
    // given a token sealed under another key
    String token = new PersonalDataCipher(randomKey()).encrypt("13800138000");
    // when / then this cipher cannot open it
    assertThatThrownBy(() -> cipher.decrypt(token)).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"13800138000", "v2:AAAA", "v1:not base64!", "v1:", "v1:AAAAAAAAAAAAAAAA"})
  void shouldRefuseWhatIsNotAToken(String token) {
    // given clear text, an unknown version, bad base64 or a truncated token
    // when / then decryption refuses it
    assertThatThrownBy(() -> cipher.decrypt(token)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldPassNullThrough() {
    // given an absent value
    // when / then null stays null both ways
    assertThat(cipher.encrypt(null)).isNull();
    assertThat(cipher.decrypt(null)).isNull();
  }

  @Test
  void shouldRefuseKeysThatAreNot32Bytes() {
    // given AES-128 and AES-192 sized keys
    // when / then no cipher is built
    assertThatThrownBy(() -> new PersonalDataCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PersonalDataCipher(new byte[24])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PersonalDataCipher(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
