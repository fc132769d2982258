package cn.beian.verify.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Puzzles as a client fetches them: their backgrounds come from the drawn pool, picked at random. */
@PortalIntegrationTest
class CaptchaPoolTest extends HttpTestSupport {

  @Test
  void shouldPickEachPuzzlesBackgroundAtRandomFromThePool() throws IOException {
    // when a client fetches 40 puzzles
    Set<String> backgrounds = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      Response puzzle = get("/api/v1/captcha", null);
      assertThat(puzzle.status()).isEqualTo(200);
      backgrounds.add(leftStrip(decode(puzzle.body().get("backgroundImage").asText())));
    }

    // then they show many different pictures (32 in the pool: about 23 different ones are expected), never one alone
    assertThat(backgrounds).hasSizeGreaterThanOrEqualTo(12);
  }

  private static BufferedImage decode(String dataUri) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1))));
  }

  /** the picture's left edge, where the gap never is (it is at least one piece width from the left) */
  private static String leftStrip(BufferedImage image) {
    StringBuilder s = new StringBuilder();
    for (int cell = 0; cell < 4; cell++) {
      long sum = 0;
      int h = image.getHeight() / 4;
      for (int y = cell * h; y < (cell + 1) * h; y++) {
        for (int x = 0; x < 90; x++) {
          int rgb = image.getRGB(x, y);
          sum += ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
        }
      }
      s.append(sum / (90L * h) / 6).append(';');
    }
    return s.toString();
  }
}
