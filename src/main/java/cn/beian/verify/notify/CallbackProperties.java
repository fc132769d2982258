package cn.beian.verify.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
   * @param url where the provider's events are POSTed
   * @param secret the provider's HMAC-SHA256 key for {@code X-Signature} (from the environment in production)
   * @param events the events the provider chose to receive ({@link ProviderEvents#ALL}, the default); the change
   *     feed has every event whatever the choice
   */
  public record Provider(URI url, String secret, Set<String> events) {
    @ConstructorBinding
    public Provider {
      if (url == null || secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("beian.callbacks.providers.*: url and secret are required");
      }
      events = events == null ? Set.copyOf(ProviderEvents.ALL) : Set.copyOf(events);
      for (String event : events) {
        if (!ProviderEvents.isKnown(event)) {
          throw new IllegalArgumentException("beian.callbacks.providers.*.events: unknown event " + event
              + " (known: " + String.join(", ", ProviderEvents.ALL) + ")");
        }
      }
    }

    /** every event: what a provider registered before it could choose */
    public Provider(URI url, String secret) {
      this(url, secret, null);
    }

    public boolean wants(String event) {
      return events.contains(event);
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
