package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyedHasherTest {
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @Test
  void shouldMatchTheRfc4231LargeKeyVector() {
    // given RFC 4231 test case 6: a 131-byte key of 0xaa
    byte[] key = new byte[131];
    Arrays.fill(key, (byte) 0xaa);
    // when its message is hashed
    String hash = new KeyedHasher(key).hash("Test Using Larger Than Block-Size Key - Hash Key First");
    // then the published HMAC-SHA256 comes out, in lower-case hex
    assertThat(hash).isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void shouldJoinPartsWithTheUnitSeparator() throws Exception {
    // given a hasher and the same computation done by hand
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal("13800138000\u001F123456".getBytes(StandardCharsets.UTF_8)));
    // when phone and code are hashed as parts
    // then the parts were joined with U+001F
    assertThat(new KeyedHasher(KEY).hash("13800138000", "123456")).isEqualTo(expected);
  }

  @Test
  void shouldKeepPartBoundaries() {
    // given parts that concatenate to the same text
    KeyedHasher hasher = new KeyedHasher(KEY);
    // when / then their hashes differ
    assertThat(hasher.hash("ab", "c")).isNotEqualTo(hasher.hash("a", "bc")).isNotEqualTo(hasher.hash("abc"));
  }

  @Test
  void shouldBeDeterministicPerKeyAndDifferAcrossKeys() {
    // given two hashers with the same key and one with another key
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    // when / then equal keys agree and different keys do not
    assertThat(new KeyedHasher(KEY).hash("张三", "123456")).isEqualTo(new KeyedHasher(KEY.clone()).hash("张三", "123456"))
        .matches("[0-9a-f]{64}");
    assertThat(new KeyedHasher(otherKey).hash("123456")).isNotEqualTo(new KeyedHasher(KEY).hash("123456"));
  }

  @Test
  void shouldNotBeAffectedByLaterChangesToTheKeyArray() {
    // given a hasher built from an array that is wiped afterwards
    byte[] key = KEY.clone();
    KeyedHasher hasher = new KeyedHasher(key);
    String before = hasher.hash("123456");
    Arrays.fill(key, (byte) 0);
    // when / then it still hashes with the original key
    assertThat(hasher.hash("123456")).isEqualTo(before);
  }

  @Test
  void shouldRefuseShortKeys() {
    // given keys below 32 bytes
    // when / then no hasher is built
    assertThatThrownBy(() -> new KeyedHasher(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyedHasher(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldHashConsistentlyFromManyThreads() throws Exception {
    // given one hasher shared by many threads
    KeyedHasher hasher = new KeyedHasher(KEY);
    String expected = hasher.hash("13800138000", "123456");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      // when they hash concurrently
      List<Callable<String>> tasks = IntStream.range(0, 2_000)
          .<Callable<String>>mapToObj(i -> () -> hasher.hash("13800138000", "123456")).toList();
      // then every result is the same
      for (Future<String> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
