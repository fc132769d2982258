package cn.beian.verify.kernel;

import java.util.List;
import java.util.Set;

/**
 * The 31 mainland provinces (provincial-level divisions) by ISO 3166-2:CN code; each is a tenant of the engine. Their
 * Chinese names are in the message bundle ({@code province.<code>}).
 */
public final class Provinces {

  /** in the order of the national administrative division list */
  private static final List<String> CODES = List.of(
      "CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-NM", "CN-LN", "CN-JL", "CN-HL", "CN-SH", "CN-JS", "CN-ZJ", "CN-AH",
      "CN-FJ", "CN-JX", "CN-SD", "CN-HA", "CN-HB", "CN-HN", "CN-GD", "CN-GX", "CN-HI", "CN-CQ", "CN-SC", "CN-GZ",
      "CN-YN", "CN-XZ", "CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ");
  private static final Set<String> KNOWN = Set.copyOf(CODES);

  public static boolean isKnown(String code) {
    return code != null && KNOWN.contains(code);
  }

  /** the short Chinese name, e.g. 甘肃 for CN-GS */
  public static String nameOf(String code) {
    if (!isKnown(code)) {
      throw new IllegalArgumentException("unknown province: " + code);
    }
    return Texts.text("province." + code);
  }

  /** the 31 codes in the order of the national administrative division list */
  public static List<String> codes() {
    return CODES;
  }

  private Provinces() {}
}
