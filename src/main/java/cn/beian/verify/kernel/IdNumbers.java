package cn.beian.verify.kernel;

/** Masking an identity document number for views outside the bureau's own review: 6201**********123X. */
public final class IdNumbers {
  private IdNumbers() {}

  public static String mask(String number) {
    if (number == null || number.isBlank()) {
      return "";
    }
    String n = number.strip();
    int keep = n.length() >= 12 ? 4 : 1;
    if (n.length() <= 2 * keep) {
      return "*".repeat(n.length());
    }
    return n.substring(0, keep) + "*".repeat(n.length() - 2 * keep) + n.substring(n.length() - keep);
  }
}
