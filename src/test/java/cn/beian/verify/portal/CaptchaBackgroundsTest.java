package cn.beian.verify.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The puzzle backgrounds the product draws for itself: many, all different, new on every start. */
class CaptchaBackgroundsTest {

  @Test
  void shouldDrawAsManyDifferentBackgroundsOfThePuzzlesSizeAsConfigured() throws IOException {
    // when the default pool is drawn
    CaptchaBackgrounds pool = CaptchaBackgrounds.draw(32, new SecureRandom());

    // then every one is a 600x360 picture of its own (compared by content, not by bytes)
    assertThat(pool.count()).isEqualTo(32);
    Set<String> signatures = new HashSet<>();
    for (int i = 0; i < pool.count(); i++) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(pool.jpeg(i)));
      assertThat(image.getWidth()).isEqualTo(CaptchaBackgrounds.WIDTH);
      assertThat(image.getHeight()).isEqualTo(CaptchaBackgrounds.HEIGHT);
      signatures.add(signature(image));
    }
    assertThat(signatures).hasSize(32);
  }

  @Test
  void shouldDrawOtherBackgroundsOnEveryStart() throws IOException {
    // given two starts
    CaptchaBackgrounds first = CaptchaBackgrounds.draw(20, new SecureRandom());
    CaptchaBackgrounds second = CaptchaBackgrounds.draw(20, new SecureRandom());

    // then no background of the one is a background of the other
    Set<String> firstSignatures = new HashSet<>();
    for (int i = 0; i < first.count(); i++) {
      firstSignatures.add(signature(ImageIO.read(new ByteArrayInputStream(first.jpeg(i)))));
    }
    for (int i = 0; i < second.count(); i++) {
      assertThat(firstSignatures).doesNotContain(signature(ImageIO.read(new ByteArrayInputStream(second.jpeg(i)))));
    }
  }

  @Test
  void shouldRefuseAPoolOfFewerThanTwentyBackgrounds() {
    assertThatThrownBy(() -> new CaptchaProperties(true, java.time.Duration.ofMinutes(2),
        java.time.Duration.ofMinutes(2), 19)).hasMessageContaining("beian.captcha.backgrounds");
  }

  /** the mean colour of a 6x4 grid of cells: the same picture, re-encoded, gives the same signature */
  static String signature(BufferedImage image) {
    StringBuilder s = new StringBuilder();
    int cw = image.getWidth() / 6, ch = image.getHeight() / 4;
    for (int cy = 0; cy < 4; cy++) {
      for (int cx = 0; cx < 6; cx++) {
        long r = 0, g = 0, b = 0;
        for (int y = cy * ch; y < (cy + 1) * ch; y++) {
          for (int x = cx * cw; x < (cx + 1) * cw; x++) {
            int rgb = image.getRGB(x, y);
            r += (rgb >> 16) & 0xff;
            g += (rgb >> 8) & 0xff;
            b += rgb & 0xff;
          }
        }
        long n = (long) cw * ch;
        s.append(r / n / 8).append(',').append(g / n / 8).append(',').append(b / n / 8).append(';');
      }
    }
    return s.toString();
  }
}
