package cn.beian.verify.security;

import cn.beian.verify.kernel.KeyedHasher;
import cn.beian.verify.kernel.PersonalDataCipher;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the hasher and the cipher from configured keys, or from a generated development key. */
@Configuration
class SecretsConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsConfiguration.class);

  record Keys(byte[] hmacKey, byte[] dataKey) {}

  @Bean
  Keys productKeys(SecretsProperties properties) throws IOException {
    if (hasText(properties.hmacKey()) && hasText(properties.dataKey())) {
      return new Keys(decode(properties.hmacKey()), decode(properties.dataKey()));
    }
    if (properties.requireConfigured()) {
      throw new IllegalStateException(
          "beian.secrets.hmac-key and beian.secrets.data-key must be configured (BEIAN_SECRETS_HMAC_KEY, BEIAN_SECRETS_DATA_KEY)");
    }
    if (hasText(properties.devKeyFile())) {
      return devKeys(Path.of(properties.devKeyFile()));
    }
    LOG.warn("No keys configured: using keys generated for this run only");
    return new Keys(random(32), random(32));
  }

  @Bean
  KeyedHasher keyedHasher(Keys keys) {
    return new KeyedHasher(keys.hmacKey());
  }

  @Bean
  PersonalDataCipher personalDataCipher(Keys keys) {
    return new PersonalDataCipher(keys.dataKey());
  }

  /** the development keys survive restarts of the H2 file database they protect */
  private static Keys devKeys(Path file) throws IOException {
    Properties stored = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        stored.load(in);
      }
      return new Keys(decode(stored.getProperty("hmac-key")), decode(stored.getProperty("data-key")));
    }
    Keys keys = new Keys(random(32), random(32));
    stored.setProperty("hmac-key", Base64.getEncoder().encodeToString(keys.hmacKey()));
    stored.setProperty("data-key", Base64.getEncoder().encodeToString(keys.dataKey()));
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer out = Files.newBufferedWriter(file)) {
      stored.store(out, "Development keys of Beian Verify; never use in production");
    }
    LOG.warn("Generated development keys in {}", file);
    return keys;
  }

  private static byte[] decode(String base64) {
    return Base64.getDecoder().decode(base64.trim());
  }

  private static byte[] random(int bytes) {
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }
}
