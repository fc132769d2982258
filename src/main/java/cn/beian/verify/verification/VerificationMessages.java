package cn.beian.verify.verification;

import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/** Reads the user-facing texts from the one UTF-8 bundle {@code messages.properties}. */
final class VerificationMessages {
  private static final String BUNDLE = "messages";
  private static final String NAME_PLACEHOLDER = "{0}";

  private VerificationMessages() {}

  /** The text under {@code key} with {@code {0}} replaced by the masked name (plain replace: no MessageFormat quoting rules). */
  static String text(String key, String maskedName) {
    return text(key).replace(NAME_PLACEHOLDER, Objects.requireNonNullElse(maskedName, ""));
  }

  static String text(String key) {
    // Java 9+ reads properties bundles as UTF-8; no fallback to the JVM's default locale
    return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, VerificationMessages.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
  }
}
