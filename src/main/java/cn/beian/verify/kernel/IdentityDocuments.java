package cn.beian.verify.kernel;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Identity document numbers (docs/rules.md §9): the resident ID is fully validated, the other documents are
 * format-checked only, and the last 6 characters are what a verifier types in (§5).
 */
public final class IdentityDocuments {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARS = "10X98765432";
  private static final Pattern RESIDENT_ID = Pattern.compile("\\d{17}[\\dXx]");
  private static final DateTimeFormatter BIRTH_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  /** Format only: ICAO machine-readable passport numbers are letters and digits, issuers vary in length. */
  private static final Pattern PASSPORT = Pattern.compile("[A-Za-z0-9]{5,17}");
  /**
   * Format only: home-return permits H/M + 8 digits (older cards H/M + 10 digits), and the mainland
   * residents' electronic permit C + one letter or digit + 7 digits.
   */
  private static final Pattern HK_MACAO_PERMIT = Pattern.compile("[HMhm]\\d{8}(?:\\d{2})?|[Cc][0-9A-Za-z]\\d{7}");
  /** Format only: Taiwan compatriot permit, 8 digits (current card) or 10 digits (older booklet). */
  private static final Pattern TAIWAN_PERMIT = Pattern.compile("\\d{8}|\\d{10}");

  private IdentityDocuments() {}

  /**
   * An 18-character resident ID with a GB 11643 (ISO 7064 MOD 11-2) check character ({@code x}
   * accepted for {@code X}) and a real birth date that is not after {@code today}.
   *
   * @param today the business calendar's date ({@link BusinessZone#today}), not the JVM's UTC one
   */
  public static boolean isValidResidentId(String number, LocalDate today) {
    if (number == null || !RESIDENT_ID.matcher(number).matches()) {
      return false;
    }
    return Character.toUpperCase(number.charAt(17)) == checkChar(number) && hasPlausibleBirthDate(number, today);
  }

  /** Whether the number has the shape of the given document; {@link IdType#RESIDENT_ID} is fully validated. */
  public static boolean isWellFormed(IdType type, String number, LocalDate today) {
    if (type == null || number == null) {
      return false;
    }
    return switch (type) {
      case RESIDENT_ID -> isValidResidentId(number, today);
      case PASSPORT -> PASSPORT.matcher(number).matches();
      case HK_MACAO_PERMIT -> HK_MACAO_PERMIT.matcher(number).matches();
      case TAIWAN_PERMIT -> TAIWAN_PERMIT.matcher(number).matches();
    };
  }

  /** The last 6 characters, upper-cased (the whole number when shorter); null stays null. */
  public static String last6(String number) {
    if (number == null) {
      return null;
    }
    String trimmed = number.trim();
    return trimmed.substring(Math.max(0, trimmed.length() - 6)).toUpperCase(Locale.ROOT);
  }

  private static char checkChar(String number) {
    int sum = 0;
    for (int i = 0; i < WEIGHTS.length; i++) {
      sum += (number.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARS.charAt(sum % 11);
  }

  private static boolean hasPlausibleBirthDate(String number, LocalDate today) {
    try {
      return !LocalDate.parse(number.substring(6, 14), BIRTH_DATE).isAfter(today);
    } catch (DateTimeException e) {
      return false;
    }
  }
}
