package cn.beian.verify.sms;

/** The mainland network carriers an SMS is routed through (docs/rules.md §7). */
public enum Carrier {
  CHINA_MOBILE,
  CHINA_UNICOM,
  CHINA_TELECOM
}
