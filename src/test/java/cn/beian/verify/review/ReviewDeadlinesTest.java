package cn.beian.verify.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewDeadlinesTest {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private static Instant beijing(String localDateTime) {
    return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
  }

  @Test
  void shouldEndOnTheTwentiethWorkingDayAfterTheReviewOpened() {
    // given the default (20 working days) and a review opened on Monday 2 November 2026
    ReviewDeadlines deadlines = new ReviewDeadlines(new ReviewProperties(20, List.of(), List.of()), BEIJING);

    // then four weeks of weekdays later, at the end of that day in Beijing
    assertThat(deadlines.deadline(beijing("2026-11-02T10:00:00"))).isEqualTo(beijing("2026-11-30T23:59:59"));
  }

  @Test
  void shouldCountTheDayInBeijingNotInUtc() {
    // given a review opened on Saturday 01:30 in Beijing, which is still Friday in UTC
    ReviewDeadlines deadlines = new ReviewDeadlines(new ReviewProperties(1, List.of(), List.of()), BEIJING);

    // then the first working day after it is Monday
    assertThat(deadlines.deadline(beijing("2026-11-07T01:30:00"))).isEqualTo(beijing("2026-11-09T23:59:59"));
  }

  @Test
  void shouldSkipHolidaysAndCountWorkingWeekends() {
    // given the National Day week of 2026 as configured: 1-7 October off, Sunday 27 September and Saturday 10 October worked
    List<LocalDate> holidays = List.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02"),
        LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-06"), LocalDate.parse("2026-10-07"));
    List<LocalDate> workingWeekends = List.of(LocalDate.parse("2026-09-27"), LocalDate.parse("2026-10-10"));
    ReviewDeadlines deadlines = new ReviewDeadlines(new ReviewProperties(3, holidays, workingWeekends), BEIJING);

    // when a review opens on Wednesday 30 September: working days 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, worked)
    assertThat(deadlines.deadline(beijing("2026-09-30T16:00:00"))).isEqualTo(beijing("2026-10-10T23:59:59"));
    // and one opened on Saturday 26 September counts the worked Sunday
    assertThat(new ReviewDeadlines(new ReviewProperties(1, holidays, workingWeekends), BEIJING)
        .deadline(beijing("2026-09-26T09:00:00"))).isEqualTo(beijing("2026-09-27T23:59:59"));
  }

  @Test
  void shouldRefuseADeadlineOfNoWorkingDays() {
    assertThatThrownBy(() -> new ReviewProperties(0, List.of(), List.of()))
        .hasMessageContaining("beian.review.deadline-working-days");
  }
}
