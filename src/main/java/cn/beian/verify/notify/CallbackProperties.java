package cn.beian.verify.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Callbacks to access providers ({@code beian.callbacks.*}, docs/http-contract.md §1 "Callbacks").
 *
 * @param providers the providers that registered a callback, by provider id
 * @param initialBackoff wait before the second attempt; each failure doubles it
 * @param maxBackoff cap of the wait between two attempts (delivery is retried until acknowledged)
 * @param lease how long a claim holds unrenewed: a node renews its claims while it delivers them, and another node
 *     retakes a dead node's after this (must exceed timeout)
 * @param pollInterval how often due deliveries are looked for (besides the nudge after each commit)
 * @param timeout connect and response timeout of one attempt
 * @param batchSize deliveries claimed and sent at once by one node
 */
@ConfigurationProperties("beian.callbacks")
public record CallbackProperties(
    Map<String, Provider> providers,
    @DefaultValue("PT5S") Duration initialBackoff,
    @DefaultValue("PT1H") Duration maxBackoff,
    @DefaultValue("PT20S") Duration lease,
    @DefaultValue("PT5S") Duration pollInterval,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("20") int batchSize) {

  /**
   * @param url where the provider's status changes are POSTed
   * @param secret the provider's HMAC-SHA256 key for {@code X-Signature} (from the environment in production)
   */
  public record Provider(URI url, String secret) {
    public Provider {
      if (url == null || secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("beian.callbacks.providers.*: url and secret are required");
      }
    }
  }

  public CallbackProperties {
    providers = providers == null ? Map.of() : Map.copyOf(providers);
    if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("beian.callbacks: 0 < initial-backoff <= max-backoff");
    }
    if (lease.compareTo(timeout) <= 0) {
      throw new IllegalArgumentException("beian.callbacks.lease must exceed timeout, or a slow delivery is taken twice");
    }
    if (pollInterval.isNegative() || pollInterval.isZero() || batchSize < 1) {
      throw new IllegalArgumentException("beian.callbacks: poll-interval and batch-size must be positive");
    }
  }

  public Optional<Provider> provider(String providerId) {
    return Optional.ofNullable(providers.get(providerId));
  }
}
