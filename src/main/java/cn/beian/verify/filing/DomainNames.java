package cn.beian.verify.filing;

/**
 * The domain of a website in a request (ICP filings name registered domains, Chinese IDNs included), checked by
 * scanning it once: at most 253 characters; labels of 1–63 letters, digits, CJK characters (U+4E00–U+9FA5) and
 * inner hyphens; at least two labels; the last of 2–63 letters or CJK characters. No regular expression: a domain of
 * 500,000 labels once overflowed the stack of one.
 */
final class DomainNames {
  /** the longest domain name DNS allows (fits the 255 characters of {@code filing_person.website_domain}) */
  static final int MAX_LENGTH = 253;
  private static final int MAX_LABEL = 63;

  private DomainNames() {}

  static boolean isValid(String domain) {
    if (domain == null || domain.isEmpty() || domain.length() > MAX_LENGTH) {
      return false;
    }
    int labels = 0;
    int start = 0;
    while (true) {
      int end = domain.indexOf('.', start);
      boolean last = end < 0;
      if (!isLabel(domain, start, last ? domain.length() : end, last)) {
        return false;
      }
      labels++;
      if (last) {
        return labels >= 2;
      }
      start = end + 1;
    }
  }

  private static boolean isLabel(String s, int from, int to, boolean topLevel) {
    int length = to - from;
    if (length < (topLevel ? 2 : 1) || length > MAX_LABEL) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      // ASCII only: no lower-casing, which would turn look-alikes such as the Kelvin sign into ASCII letters
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isCjk(c);
      boolean allowed = topLevel ? letter : letter || (c >= '0' && c <= '9') || (c == '-' && i != from && i != to - 1);
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCjk(char c) {
    return c >= '\u4e00' && c <= '\u9fa5';
  }
}
