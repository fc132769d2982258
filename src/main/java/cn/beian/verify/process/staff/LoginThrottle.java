package cn.beian.verify.process.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per (client address, user) and per client address; a key with too many failures within
 * {@code lockDuration} of its first one is refused for {@code lockDuration} from its last counted failure. A refused
 * attempt reaches no password check and counts as nothing, so a lock never extends itself. Nothing is keyed by the
 * user alone: failures never lock an account for everyone. In memory, per node, bounded.
 */
final class LoginThrottle {
  private record Key(String client, String user) {}

  private static final class Counter {
    Instant first;
    int failures;
    Instant lockedUntil;
  }

  private final int maxPerUser;
  private final int maxPerClient;
  private final Duration lockDuration;
  private final Map<Key, Counter> counters;

  LoginThrottle(LoginThrottleProperties properties) {
    this.maxPerUser = properties.maxFailuresPerUser();
    this.maxPerClient = properties.maxFailuresPerClient();
    this.lockDuration = properties.lockDuration();
    int maxTracked = properties.maxTracked();
    this.counters = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Counter> eldest) {
        return size() > maxTracked;
      }
    };
  }

  /** how long this client must wait before trying this user again; empty when it may try now */
  synchronized Optional<Duration> refusal(String client, String user, Instant now) {
    Duration wait = Duration.ZERO;
    for (Key key : keys(client, user)) {
      Counter counter = current(key, now);
      if (counter != null && counter.lockedUntil != null) {
        Duration left = Duration.between(now, counter.lockedUntil);
        wait = left.compareTo(wait) > 0 ? left : wait;
      }
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  synchronized void failed(String client, String user, Instant now) {
    for (Key key : keys(client, user)) {
      Counter counter = current(key, now);
      if (counter == null) {
        counter = new Counter();
        counter.first = now;
        counters.put(key, counter);
      }
      counter.failures++;
      if (counter.failures >= (key.user() == null ? maxPerClient : maxPerUser)) {
        counter.lockedUntil = now.plus(lockDuration);
      }
    }
  }

  /** a correct password: this client's earlier typos for this user are forgotten (the client's own count stays) */
  synchronized void succeeded(String client, String user) {
    if (user != null) {
      counters.remove(new Key(client, normalize(user)));
    }
  }

  /** the key's counter, or null when it has none or it expired (then it is dropped) */
  private Counter current(Key key, Instant now) {
    Counter counter = counters.get(key);
    if (counter == null) {
      return null;
    }
    Instant end = counter.lockedUntil != null ? counter.lockedUntil : counter.first.plus(lockDuration);
    if (!now.isBefore(end)) {
      counters.remove(key);
      return null;
    }
    return counter;
  }

  private static Key[] keys(String client, String user) {
    return user == null ? new Key[] {new Key(client, null)}
        : new Key[] {new Key(client, null), new Key(client, normalize(user))};
  }

  /** the directory matches user names case-insensitively: ZHANG and zhang are one user */
  private static String normalize(String user) {
    return user.strip().toLowerCase(Locale.ROOT);
  }
}
