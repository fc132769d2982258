package cn.beian.verify.sms;

/** How the sender number of an SMS is chosen (docs/rules.md §7, {@code beian.sms.sender-mode}). */
public enum SenderMode {
  /** per-carrier sender numbers: the default */
  CARRIER,
  /** the single sender 12381 of the current system */
  UNIFIED
}
