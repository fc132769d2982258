package cn.beian.verify.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test-only: the expected answer of an open puzzle, read straight from the puzzle table (no production endpoint
 * tells it). The answer is where the piece's left edge must land, as a fraction of the background's width.
 */
public final class CaptchaTestHook {
  /** the width of the background the tracks are drawn on */
  private static final int WIDTH = 300;
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

  /**
   * the body of {@code POST /api/v1/captcha/checks}: a human-looking drag (eased, with a little wobble, 0.9 s) that
   * lands the piece at {@code fraction} of the background's width
   */
  public static Map<String, Object> track(String puzzleId, double fraction) {
    int target = (int) Math.round(fraction * WIDTH);
    long stop = System.currentTimeMillis(), start = stop - 900;
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(Map.of("x", 0, "y", 0, "t", 0, "type", "down"));
    for (int i = 1; i <= 20; i++) {
      points.add(Map.of("x", Math.round(target * (1 - Math.pow(1 - i / 20.0, 2))), "y", i % 2, "t", i * 40,
          "type", "move"));
    }
    points.add(Map.of("x", target, "y", 1, "t", 900, "type", "up"));
    return Map.of("id", puzzleId, "track", Map.of("bgImageWidth", WIDTH, "bgImageHeight", 180, "templateImageWidth", 55,
        "templateImageHeight", 180, "startTime", start, "stopTime", stop, "trackList", points));
  }
}
