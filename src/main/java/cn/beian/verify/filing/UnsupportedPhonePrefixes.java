package cn.beian.verify.filing;

import java.util.List;

/**
 * The number segments refused at submission (docs/rules.md §7). Configured with the SMS settings
 * ({@code beian.sms.unsupported-prefixes}, whose record implements this), read here without filing depending on sms.
 */
public interface UnsupportedPhonePrefixes {
  /** the refused leading digits, e.g. {@code 166}; empty when the rule is switched off */
  List<String> unsupportedPrefixes();
}
