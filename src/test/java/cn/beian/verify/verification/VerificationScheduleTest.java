package cn.beian.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class VerificationScheduleTest {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final Duration DAY = Duration.ofHours(24);
  private static final LocalTime NOON = LocalTime.NOON;

  private static Instant beijing(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BEIJING).toInstant();
  }

  @Test
  void shouldCountDeadlineFromWindowStart() {
    // given a first send
    Instant firstSend = beijing("2026-11-22T15:04:00");
    // when / then the deadline is 24 hours later
    assertThat(VerificationSchedule.deadline(firstSend, DAY)).isEqualTo(beijing("2026-11-23T15:04:00"));
  }

  @Test
  void shouldResendAtNoonOfTheNextBeijingDay() {
    // given a first send late in the Beijing evening, which is still the same UTC day
    Instant firstSend = beijing("2026-11-22T23:30:00");
    // when / then the resend is at noon Beijing on the 23rd, i.e. 04:00 UTC
    assertThat(VerificationSchedule.autoResendAt(firstSend, NOON, BEIJING)).isEqualTo(Instant.parse("2026-11-23T04:00:00Z"));
  }

  @Test
  void shouldTakeTheBeijingDateNotTheUtcDate() {
    // given a first send at 07:00 Beijing, which is the previous day in UTC
    Instant firstSend = beijing("2026-11-22T07:00:00");
    // when / then the resend is at noon on the day after the Beijing date
    assertThat(VerificationSchedule.autoResendAt(firstSend, NOON, BEIJING)).isEqualTo(beijing("2026-11-23T12:00:00"));
  }

  @Test
  void shouldNotFireWhenFirstSendAt115959() {
    // given a first send at 11:59:59 Beijing and a 24 h window
    Instant firstSend = beijing("2026-11-22T11:59:59");
    // when the next noon is computed
    Instant resendAt = VerificationSchedule.autoResendAt(firstSend, NOON, BEIJING);
    // then it is one second after the deadline and never fires
    assertThat(resendAt).isEqualTo(beijing("2026-11-23T12:00:00"));
    assertThat(resendAt).isAfter(VerificationSchedule.deadline(firstSend, DAY));
    assertThat(fires(firstSend, DAY, NOON, BEIJING)).isFalse();
  }

  @Test
  void shouldNotFireWhenResendFallsExactlyOnTheDeadline() {
    // given a first send at 12:00:00 Beijing and a 24 h window
    Instant firstSend = beijing("2026-11-22T12:00:00");
    // when the next noon is computed
    Instant resendAt = VerificationSchedule.autoResendAt(firstSend, NOON, BEIJING);
    // then it equals the deadline, when the window is already closed, so it does not fire
    assertThat(resendAt).isEqualTo(VerificationSchedule.deadline(firstSend, DAY));
    assertThat(fires(firstSend, DAY, NOON, BEIJING)).isFalse();
  }

  @Test
  void shouldFireTwelveHoursAndOneSecondAfterFirstSendAt235959() {
    // given a first send at 23:59:59 Beijing and a 24 h window
    Instant firstSend = beijing("2026-11-22T23:59:59");
    // when the next noon is computed
    Instant resendAt = VerificationSchedule.autoResendAt(firstSend, NOON, BEIJING);
    // then it is 12h00m01s later, inside the window, and fires
    assertThat(Duration.between(firstSend, resendAt)).isEqualTo(Duration.ofHours(12).plusSeconds(1));
    assertThat(fires(firstSend, DAY, NOON, BEIJING)).isTrue();
  }

  @Test
  void shouldFireFor115959WithA48HourWindow() {
    // given the 2017-18 reading of a 48 h window
    Instant firstSend = beijing("2026-11-22T11:59:59");
    // when / then the next noon lies inside the window
    assertThat(fires(firstSend, Duration.ofHours(48), NOON, BEIJING)).isTrue();
  }

  @Test
  void shouldComputeIdenticalInstantsWhateverTheJvmDefaultZone() {
    // given the three boundary first sends
    List<Instant> firstSends = List.of(
        beijing("2026-11-22T11:59:59"), beijing("2026-11-22T12:00:00"), beijing("2026-11-22T23:59:59"));
    TimeZone original = TimeZone.getDefault();
    try {
      // when they are computed under a UTC default and under an Asia/Shanghai default
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      List<Object> underUtc = computeAll(firstSends);
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
      List<Object> underShanghai = computeAll(firstSends);
      // then nothing differs
      assertThat(underShanghai).isEqualTo(underUtc);
      assertThat(underUtc).containsExactly(
          beijing("2026-11-23T12:00:00"), beijing("2026-11-23T11:59:59"), false,
          beijing("2026-11-23T12:00:00"), beijing("2026-11-23T12:00:00"), false,
          beijing("2026-11-23T12:00:00"), beijing("2026-11-23T23:59:59"), true);
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void shouldBeOpenUntilJustBeforeTheDeadline() {
    // given a deadline
    Instant deadline = beijing("2026-11-23T12:00:00");
    // when / then the window is open 1 ms before it and closed at and after it
    assertThat(VerificationSchedule.isOpen(deadline.minusMillis(1), deadline)).isTrue();
    assertThat(VerificationSchedule.isOpen(deadline, deadline)).isFalse();
    assertThat(VerificationSchedule.isOpen(deadline.plusMillis(1), deadline)).isFalse();
  }

  @Test
  void shouldHonourAConfiguredResendTime() {
    // given an operator who moved the resend to 09:30
    Instant firstSend = beijing("2026-11-22T10:00:00");
    // when / then the resend is 09:30 Beijing the next day, inside the window
    Instant resendAt = VerificationSchedule.autoResendAt(firstSend, LocalTime.of(9, 30), BEIJING);
    assertThat(ZonedDateTime.ofInstant(resendAt, BEIJING).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-11-23T09:30:00"));
    assertThat(fires(firstSend, DAY, LocalTime.of(9, 30), BEIJING)).isTrue();
  }

  /** what the automatic resend checks when its timer fires (VerificationLifecycle.autoResend): is the window open */
  private static boolean fires(Instant firstSend, Duration window, LocalTime at, ZoneId zone) {
    return VerificationSchedule.isOpen(VerificationSchedule.autoResendAt(firstSend, at, zone),
        VerificationSchedule.deadline(firstSend, window));
  }

  private static List<Object> computeAll(List<Instant> firstSends) {
    return firstSends.stream()
        .<Object>mapMulti((firstSend, out) -> {
          out.accept(VerificationSchedule.autoResendAt(firstSend, NOON, BEIJING));
          out.accept(VerificationSchedule.deadline(firstSend, DAY));
          out.accept(fires(firstSend, DAY, NOON, BEIJING));
        })
        .toList();
  }
}
