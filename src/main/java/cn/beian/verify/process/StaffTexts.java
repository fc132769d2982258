package cn.beian.verify.process;

import java.util.Locale;
import java.util.ResourceBundle;

/** The staff-facing texts ({@code staff.*}) of the one message bundle, with {@code {0}}, {@code {1}}… filled in. */
public final class StaffTexts {
  private static final String BUNDLE = "messages";

  private StaffTexts() {}

  /** plain replacement of {@code {i}}: the texts hold no MessageFormat quoting */
  public static String text(String key, Object... args) {
    String text = ResourceBundle.getBundle(BUNDLE, Locale.ROOT, StaffTexts.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
        .getString("staff." + key);
    for (int i = 0; i < args.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return text;
  }

  /** the Chinese title of a refusal's HTTP status */
  public static String title(int status) {
    return switch (status) {
      case 400, 403, 404, 409, 413, 422 -> text("title." + status);
      default -> text("title.400");
    };
  }
}
