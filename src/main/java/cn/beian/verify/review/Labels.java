package cn.beian.verify.review;

import cn.beian.verify.kernel.Texts;

/**
 * The Chinese label of every code a clerk sees (request types, statuses, roles, document types, trail events), from
 * the one message bundle: {@code label.<Kind>.<CODE>}. A code without a label is shown as it is (a test keeps the
 * bundle complete).
 */
public final class Labels {
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
    return Texts.has("label." + kind + "." + code);
  }

  private static String label(String kind, String code) {
    if (code == null) {
      return "";
    }
    return has(kind, code) ? Texts.text("label." + kind + "." + code) : code;
  }
}
