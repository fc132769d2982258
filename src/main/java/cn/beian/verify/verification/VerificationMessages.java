package cn.beian.verify.verification;

import cn.beian.verify.kernel.Texts;
import java.util.Objects;

/** The texts a verifier reads (docs/rules.md §5, §6), from the one message bundle. */
final class VerificationMessages {
  private static final String NAME_PLACEHOLDER = "{0}";

  private VerificationMessages() {}

  /** The text under {@code key} with {@code {0}} replaced by the masked name (plain replace: no MessageFormat quoting rules). */
  static String text(String key, String maskedName) {
    return text(key).replace(NAME_PLACEHOLDER, Objects.requireNonNullElse(maskedName, ""));
  }

  static String text(String key) {
    return Texts.text(key);
  }
}
