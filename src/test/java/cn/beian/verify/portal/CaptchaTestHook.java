package cn.beian.verify.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test-only: the expected answer of an open puzzle, read straight from the puzzle table (no production endpoint
 * tells it). The answer is where the piece's left edge must land, as a fraction of the background's width.
 */
public final class CaptchaTestHook {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json = new ObjectMapper();

  public CaptchaTestHook(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public double expectedFraction(String puzzleId) {
    List<String> rows = jdbc.queryForList("SELECT data FROM captcha_puzzle WHERE cache_key LIKE ?", String.class,
        "%" + puzzleId);
    if (rows.size() != 1) {
      throw new AssertionError("no open puzzle " + puzzleId);
    }
    try {
      JsonNode data = json.readTree(rows.get(0));
      return data.get("percentage").asDouble();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
