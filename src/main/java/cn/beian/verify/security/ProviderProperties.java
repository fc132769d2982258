package cn.beian.verify.security;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access providers allowed to call {@code /api/v1/filings} (docs/http-contract.md §1). Only the SHA-256 of each key
 * is configured, so a leaked configuration does not leak the keys; the demo keys live in {@code application-demo.yaml},
 * production lists its providers in its own configuration.
 *
 * @param accounts the providers; empty by default (then every call answers 401)
 */
@ConfigurationProperties("beian.providers")
public record ProviderProperties(@DefaultValue List<Provider> accounts) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  /**
   * @param id the provider's id, stored with each of its requests
   * @param name a readable name
   * @param apiKeySha256 SHA-256 of the provider's API key, 64 hex digits
   */
  public record Provider(String id, String name, String apiKeySha256) {
    public Provider {
      // a misconfiguration must stop the application at startup, not lock a provider out at its first call
      if (id == null || id.isBlank() || id.length() > 64) {
        throw new IllegalArgumentException("beian.providers.accounts[].id is required (at most 64 characters)");
      }
      if (apiKeySha256 == null || !SHA256_HEX.matcher(apiKeySha256).matches()) {
        throw new IllegalArgumentException("beian.providers.accounts[].api-key-sha256 of " + id + " must be 64 hex digits");
      }
      apiKeySha256 = apiKeySha256.toLowerCase(Locale.ROOT);
    }

    byte[] keyHash() {
      return HexFormat.of().parseHex(apiKeySha256);
    }
  }

  public ProviderProperties {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    if (accounts.stream().map(Provider::id).distinct().count() != accounts.size()) {
      throw new IllegalArgumentException("beian.providers.accounts: provider ids must be unique");
    }
  }
}
