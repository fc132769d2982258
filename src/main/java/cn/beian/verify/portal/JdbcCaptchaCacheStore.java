package cn.beian.verify.portal;

import static cn.beian.verify.kernel.Timestamps.ts;

import cloud.tianai.captcha.cache.CacheStore;
import cloud.tianai.captcha.common.AnyMap;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * tianai-captcha's cache of open puzzles (their expected answer) in the database, so that a puzzle issued by one
 * node can be solved on another. A puzzle is taken out by exactly one caller: a second check of it finds nothing.
 */
public class JdbcCaptchaCacheStore implements CacheStore {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public JdbcCaptchaCacheStore(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public AnyMap getCache(String key) {
    List<String> rows = jdbc.queryForList("SELECT data FROM captcha_puzzle WHERE cache_key = ? AND expires_at > ?",
        String.class, key, ts(clock.instant()));
    return rows.isEmpty() ? null : read(rows.get(0));
  }

  @Override
  public AnyMap getAndRemoveCache(String key) {
    AnyMap value = getCache(key);
    // the DELETE decides who took it: of two concurrent checks of one puzzle, only one gets its answer
    if (value == null || jdbc.update("DELETE FROM captcha_puzzle WHERE cache_key = ?", key) != 1) {
      return null;
    }
    return value;
  }

  @Override
  public boolean setCache(String key, AnyMap data, Long expire, TimeUnit timeUnit) {
    Instant now = clock.instant();
    Instant expiresAt = now.plusMillis(timeUnit.toMillis(expire == null ? 0 : expire));
    jdbc.update("DELETE FROM captcha_puzzle WHERE expires_at < ?", ts(now));
    String text = write(data);
    try {
      jdbc.update("INSERT INTO captcha_puzzle (cache_key, data, expires_at) VALUES (?, ?, ?)", key, text, ts(expiresAt));
    } catch (DuplicateKeyException sameKey) {
      jdbc.update("UPDATE captcha_puzzle SET data = ?, expires_at = ? WHERE cache_key = ?", text, ts(expiresAt), key);
    }
    return true;
  }

  /** takes an open puzzle out, whatever tianai did with it: a puzzle gets one try, so its gap cannot be scanned */
  public void forget(String key) {
    jdbc.update("DELETE FROM captcha_puzzle WHERE cache_key = ?", key);
  }

  @Override
  public Long incr(String key, long delta, Long expire, TimeUnit timeUnit) {
    AnyMap current = getCache(key);
    long value = (current == null ? 0L : ((Number) current.getOrDefault("value", 0L)).longValue()) + delta;
    setCache(key, AnyMap.of(Map.of("value", value)), expire, timeUnit);
    return value;
  }

  @Override
  public Long getLong(String key) {
    AnyMap current = getCache(key);
    return current == null ? null : ((Number) current.getOrDefault("value", 0L)).longValue();
  }

  private AnyMap read(String text) {
    try {
      return AnyMap.of(json.readValue(text, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable captcha puzzle", e);
    }
  }

  private String write(AnyMap data) {
    try {
      return json.writeValueAsString(new LinkedHashMap<>(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("captcha puzzle not writable as JSON", e);
    }
  }
}
