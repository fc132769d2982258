package cn.beian.verify.security;

import cn.beian.verify.security.ProviderProperties.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Finds the access provider an API key belongs to. */
@Component
public class ProviderApiKeys {
  private final ProviderProperties properties;

  public ProviderApiKeys(ProviderProperties properties) {
    this.properties = properties;
  }

  /** compares in constant time against every configured key, so timing tells nothing about which key is near */
  public Optional<Provider> authenticate(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      return Optional.empty();
    }
    byte[] presented = sha256(apiKey.trim());
    Provider match = null;
    for (Provider provider : properties.accounts()) {
      if (MessageDigest.isEqual(presented, provider.keyHash()) && match == null) {
        match = provider;
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
