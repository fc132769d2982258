package cn.beian.verify.kernel;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product's user-facing texts, from its one UTF-8 bundle {@code messages.properties}. Placeholders {@code {0}},
 * {@code {1}} … are replaced as they are (no MessageFormat: the texts hold apostrophes and no quoting, and a number
 * is written as plain digits).
 */
public final class Texts {
  private static final String BUNDLE = "messages";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,2})\\}");

  private Texts() {}

  /** the text under {@code key} with its placeholders filled in; a missing key is a bug, thrown at once */
  public static String text(String key, Object... args) {
    String text = bundle().getString(key);
    if (args.length == 0) {
      return text;
    }
    // one pass over the template: a client's value that holds "{1}" is never filled in itself
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (placeholder.find()) {
      int index = Integer.parseInt(placeholder.group(1));
      String value = index < args.length ? String.valueOf(args[index]) : placeholder.group();
      placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    return placeholder.appendTail(filled).toString();
  }

  public static boolean has(String key) {
    try {
      bundle().getString(key);
      return true;
    } catch (MissingResourceException e) {
      return false;
    }
  }

  private static ResourceBundle bundle() {
    // Java 9+ reads properties bundles as UTF-8; no fallback to the JVM's default locale. The bundle caches itself.
    return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, Texts.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }
}
