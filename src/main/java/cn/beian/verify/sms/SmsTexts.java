package cn.beian.verify.sms;

import cn.beian.verify.kernel.BusinessZone;
import cn.beian.verify.kernel.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/** The text of the verification SMS (docs/rules.md §7) and its safe form for logs (§4). */
public final class SmsTexts {
  private static final Pattern CODE = Pattern.compile("\\d{6}");
  // exactly six digits bounded by non-digits: dates, sender numbers and phone numbers are not codes
  private static final Pattern CODE_IN_TEXT = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");
  // the short link's token opens the page with the phone filled in: as secret as the code
  private static final Pattern LINK_TOKEN = Pattern.compile("/v/[A-Za-z0-9_-]+");
  private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

  private SmsTexts() {}

  /**
   * The SMS naming the purpose, the code, the window and the link, e.g. {@code 【ICP备案】您的备案短信核验验证码为123456，
   * 24小时内有效（截至2026-11-23 15:04 北京时间）。请打开 https://…/v/abc 完成短信核验，验证码请勿告知他人。}
   */
  public static String verificationCode(String code, Duration window, Instant deadline, ZoneId zone, String link) {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(zone, "zone");
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("an SMS code is 6 digits");
    }
    if (link == null || link.isBlank() || link.contains(code)) {
      throw new IllegalArgumentException("the link must identify the verification without the code");
    }
    return Texts.text("sms.code", code, windowText(window), DEADLINE.format(deadline.atZone(zone)), zoneText(zone),
        link);
  }

  /** The text with every 6-digit code replaced by {@code ******}, for log lines. */
  public static String maskCodes(String text) {
    return text == null ? null : CODE_IN_TEXT.matcher(text).replaceAll("******");
  }

  /** The text as a log line may show it: codes masked, and the short link's token replaced by {@code ***}. */
  public static String forLog(String text) {
    return text == null ? null : LINK_TOKEN.matcher(maskCodes(text)).replaceAll("/v/***");
  }

  /** Whole hours as hours, otherwise minutes, and seconds for the demo's very short windows. */
  static String windowText(Duration window) {
    if (window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("the window must be positive: " + window);
    }
    long seconds = window.toSeconds() + (window.toNanosPart() > 0 ? 1 : 0);
    if (seconds % 3600 == 0) {
      return Texts.text("sms.window.hours", seconds / 3600);
    }
    if (seconds % 60 == 0) {
      return Texts.text("sms.window.minutes", seconds / 60);
    }
    return Texts.text("sms.window.seconds", seconds);
  }

  private static String zoneText(ZoneId zone) {
    return BusinessZone.labelOf(zone);
  }
}
