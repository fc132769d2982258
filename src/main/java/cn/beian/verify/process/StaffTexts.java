package cn.beian.verify.process;

import cn.beian.verify.kernel.Texts;

/** The staff-facing texts ({@code staff.*}) of the one message bundle, with {@code {0}}, {@code {1}}… filled in. */
public final class StaffTexts {
  private StaffTexts() {}

  /** plain replacement of {@code {i}}: the texts hold no MessageFormat quoting */
  public static String text(String key, Object... args) {
    return Texts.text("staff." + key, args);
  }

  /** the Chinese title of a refusal's HTTP status */
  public static String title(int status) {
    return switch (status) {
      case 400, 403, 404, 409, 413, 422 -> text("title." + status);
      default -> text("title.400");
    };
  }
}
