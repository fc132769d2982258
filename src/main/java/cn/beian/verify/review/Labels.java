package cn.beian.verify.review;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The Chinese label of every code a clerk sees (request types, statuses, roles, document types, trail events), from
 * the one message bundle: {@code label.<Kind>.<CODE>}. A code without a label is shown as it is (a test keeps the
 * bundle complete).
 */
public final class Labels {
  private static final String BUNDLE = "messages";

  private Labels() {}

  /** e.g. FilingType.NEW_FILING → 首次备案 */
  public static String of(Enum<?> code) {
    return code == null ? "" : label(code.getDeclaringClass().getSimpleName(), code.name());
  }

  /** a trail event (FilingEvent, SmsEvents): SMS_SENT → 发送验证码短信 */
  public static String event(String code) {
    return label("Event", code);
  }

  /** the detail of a trail event when it is a code (AUTO, WRONG_INFO, APPROVED …); anything else as it is */
  public static String eventDetail(String detail) {
    return detail == null ? "" : label("EventDetail", detail);
  }

  static boolean has(String kind, String code) {
    try {
      bundle().getString("label." + kind + "." + code);
      return true;
    } catch (MissingResourceException e) {
      return false;
    }
  }

  private static String label(String kind, String code) {
    if (code == null) {
      return "";
    }
    return has(kind, code) ? bundle().getString("label." + kind + "." + code) : code;
  }

  private static ResourceBundle bundle() {
    // Java 9+ reads properties bundles as UTF-8; no fallback to the JVM's default locale
    return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, Labels.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }
}
