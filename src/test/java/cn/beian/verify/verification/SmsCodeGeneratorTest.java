package cn.beian.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmsCodeGeneratorTest {

  @Test
  void shouldIssueSixDigitCodesWithLeadingZeros() {
    // given a generator
    SmsCodeGenerator generator = new SmsCodeGenerator();
    // when 10,000 codes are drawn
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      codes.add(generator.next(code -> false));
    }
    // then all are 6 decimal digits, leading zeros occur (expected ~1,000) and they spread widely
    assertThat(codes).allMatch(code -> code.matches("\\d{6}"));
    assertThat(codes.stream().filter(code -> code.startsWith("0")).count()).isBetween(700L, 1_300L);
    assertThat(new HashSet<>(codes)).hasSizeGreaterThan(9_900);
    assertThat(codes.stream().map(code -> code.charAt(5)).distinct()).hasSize(10);
  }

  @Test
  void shouldNeverRepeatAnIssuedCode() {
    // given a generator whose random source repeats itself
    SmsCodeGenerator generator = new SmsCodeGenerator(new RepeatingRandom(42, 42, 42, 7));
    Set<String> issued = new HashSet<>(Set.of("000042"));
    // when a code is drawn for a verifier who already had 000042
    String code = generator.next(issued::contains);
    // then the repeat is drawn again
    assertThat(code).isEqualTo("000007");
  }

  @Test
  void shouldNotRepeatWithinAVerifiersHistory() {
    // given a verifier's earlier codes
    SmsCodeGenerator generator = new SmsCodeGenerator(new SecureRandom());
    Set<String> issued = new HashSet<>();
    // when many codes are drawn in a row against that history
    for (int i = 0; i < 2_000; i++) {
      String code = generator.next(issued::contains);
      // then each one is new
      assertThat(issued.add(code)).as(code).isTrue();
    }
  }

  @Test
  void shouldFailInsteadOfSpinningWhenEveryCodeIsTaken() {
    // given a predicate that refuses everything
    SmsCodeGenerator generator = new SmsCodeGenerator();
    // when / then the generator gives up
    assertThatThrownBy(() -> generator.next(code -> true)).isInstanceOf(IllegalStateException.class);
  }

  /** A random source that returns the given values in turn, to make the retry deterministic. */
  private static final class RepeatingRandom extends SecureRandom {
    private final int[] values;
    private int next;

    RepeatingRandom(int... values) {
      this.values = values;
    }

    @Override
    public int nextInt(int bound) {
      return values[next++ % values.length];
    }
  }
}
