package cn.beian.verify.portal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The backgrounds of the slider puzzle, drawn by the product when it starts: landscapes of random colours, ridges,
 * suns and shapes over a grain of noise, each from its own secure random seed. No two installations or restarts share
 * one, so a bot cannot hold a clean copy of a background to subtract from a puzzle and find the gap; and they are the
 * product's own work, with no licence to clear.
 */
public final class CaptchaBackgrounds {
  /** the size of tianai-captcha's slider templates' background */
  public static final int WIDTH = 600, HEIGHT = 360;

  private final List<byte[]> jpegs;

  private CaptchaBackgrounds(List<byte[]> jpegs) {
    this.jpegs = List.copyOf(jpegs);
  }

  /** draws {@code count} backgrounds as JPEG */
  public static CaptchaBackgrounds draw(int count, SecureRandom seeds) {
    long[] seed = LongStream.generate(seeds::nextLong).limit(count).toArray();
    // on every core: a second or so of start-up otherwise
    return new CaptchaBackgrounds(IntStream.range(0, count).parallel()
        .mapToObj(i -> jpeg(landscape(new Random(seed[i])))).toList());
  }

  public int count() {
    return jpegs.size();
  }

  public byte[] jpeg(int index) {
    return jpegs.get(index);
  }

  static BufferedImage landscape(Random random) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    float hue = random.nextFloat();
    // sky: a gradient of two neighbouring hues, light enough for the puzzle's dark gap to show
    g.setPaint(new GradientPaint(0, 0, hsb(hue, 0.25f + random.nextFloat() * 0.35f, 0.85f + random.nextFloat() * 0.15f),
        0, HEIGHT, hsb(hue + 0.08f + random.nextFloat() * 0.15f, 0.3f + random.nextFloat() * 0.4f, 0.7f)));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    // a sun or moon, and a few soft discs
    g.setColor(withAlpha(hsb(hue + 0.5f, 0.5f, 1f), 0.75f));
    int sun = 40 + random.nextInt(60);
    g.fill(new Ellipse2D.Float(random.nextInt(WIDTH - sun), random.nextInt(HEIGHT / 3), sun, sun));
    for (int i = 0, n = 3 + random.nextInt(6); i < n; i++) {
      int d = 20 + random.nextInt(90);
      g.setColor(withAlpha(hsb(random.nextFloat(), 0.4f, 0.95f), 0.15f + random.nextFloat() * 0.25f));
      g.fill(new Ellipse2D.Float(random.nextInt(WIDTH), random.nextInt(HEIGHT), d, d));
    }
    // three to five ridges, darker towards the front
    int ridges = 3 + random.nextInt(3);
    for (int r = 0; r < ridges; r++) {
      float depth = (r + 1f) / ridges;
      int base = (int) (HEIGHT * (0.35f + 0.5f * depth));
      Polygon ridge = new Polygon();
      ridge.addPoint(0, HEIGHT);
      int y = base - random.nextInt(60);
      for (int x = 0; x <= WIDTH; x += 8 + random.nextInt(16)) {
        y = Math.max(HEIGHT / 5, Math.min(HEIGHT - 10, y + random.nextInt(41) - 20));
        ridge.addPoint(x, y);
      }
      ridge.addPoint(WIDTH, y);
      ridge.addPoint(WIDTH, HEIGHT);
      g.setColor(hsb(hue + 0.25f + random.nextFloat() * 0.2f, 0.35f + 0.3f * depth, 0.85f - 0.45f * depth));
      g.fill(ridge);
    }
    // trees, posts or rocks: small shapes along the front
    for (int i = 0, n = 10 + random.nextInt(25); i < n; i++) {
      int x = random.nextInt(WIDTH), h = 10 + random.nextInt(40), y = HEIGHT - random.nextInt(HEIGHT / 3);
      g.setColor(hsb(hue + 0.3f + random.nextFloat() * 0.3f, 0.5f, 0.25f + random.nextFloat() * 0.35f));
      if (random.nextBoolean()) {
        g.fillPolygon(new int[] {x, x + h / 3, x - h / 3}, new int[] {y - h, y, y}, 3);
      } else {
        g.setStroke(new BasicStroke(2 + random.nextInt(4)));
        g.drawLine(x, y, x + random.nextInt(21) - 10, y - h);
      }
    }
    g.dispose();
    grain(image, random);
    return image;
  }

  /** a per-pixel grain: no two backgrounds, nor two parts of one, are the same flat colour */
  private static void grain(BufferedImage image, Random random) {
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pixels.length; i++) {
      int rgb = pixels[i], n = random.nextInt(25) - 12;
      pixels[i] = (clamp(((rgb >> 16) & 0xff) + n) << 16) | (clamp(((rgb >> 8) & 0xff) + n) << 8)
          | clamp((rgb & 0xff) + n);
    }
  }

  private static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static Color hsb(float hue, float saturation, float brightness) {
    return Color.getHSBColor(hue - (float) Math.floor(hue), Math.min(1f, saturation), Math.min(1f, brightness));
  }

  private static Color withAlpha(Color color, float alpha) {
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), Math.round(alpha * 255));
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
