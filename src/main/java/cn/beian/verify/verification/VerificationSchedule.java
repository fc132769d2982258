package cn.beian.verify.verification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The times of the verification window (docs/rules.md §4, §6), computed in an explicit zone so the JVM's default time
 * zone never matters.
 */
public final class VerificationSchedule {
  private VerificationSchedule() {}

  /** The end of the window; resends do not move it, so it is always counted from the first send. */
  public static Instant deadline(Instant windowStart, Duration window) {
    return windowStart.plus(window);
  }

  /** The local time {@code at} on the calendar day after {@code firstSend}'s date in {@code zone}. */
  public static Instant autoResendAt(Instant firstSend, LocalTime at, ZoneId zone) {
    return firstSend.atZone(zone).toLocalDate().plusDays(1).atTime(at).atZone(zone).toInstant();
  }

  /** Whether a check or resend at {@code now} is still inside the window (the deadline itself is closed). */
  public static boolean isOpen(Instant now, Instant deadline) {
    return now.isBefore(deadline);
  }
}
