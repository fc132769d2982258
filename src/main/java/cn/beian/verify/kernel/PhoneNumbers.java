package cn.beian.verify.kernel;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mainland mobile numbers (docs/rules.md §7): normalising, masking, refused segments. */
public final class PhoneNumbers {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");
  private static final Pattern MOBILE = Pattern.compile("(?:\\+?86)?(1[3-9]\\d{9})");

  private PhoneNumbers() {}

  /**
   * The bare 11 digits of a mainland mobile number given with an optional {@code +86}/{@code 86}
   * prefix, spaces or dashes; empty for anything else, including null and blank input.
   */
  public static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    Matcher matcher = MOBILE.matcher(SEPARATORS.matcher(raw).replaceAll(""));
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** {@code 13800138000} → {@code 138****8000}; shorter input is starred out entirely so nothing leaks. */
  public static String mask(String phone) {
    if (phone == null) {
      return null;
    }
    if (phone.length() < 8) {
      return "*".repeat(phone.length());
    }
    return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
  }

  /** Whether the number (normalised first when possible) starts with one of the refused segments. */
  public static boolean hasRefusedSegment(String phone, Collection<String> prefixes) {
    if (phone == null || prefixes == null) {
      return false;
    }
    String digits = normalize(phone).orElse(phone.trim());
    return prefixes.stream()
        .filter(prefix -> prefix != null && !prefix.isBlank())
        .anyMatch(prefix -> digits.startsWith(prefix.trim()));
  }
}
