package cn.beian.verify.review;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** When a review must be decided: the end of the n-th working day after the day it opened (see {@link ReviewProperties}). */
public final class ReviewDeadlines {
  private final ReviewProperties properties;
  private final ZoneId zone;

  public ReviewDeadlines(ReviewProperties properties, ZoneId zone) {
    this.properties = properties;
    this.zone = zone;
  }

  public Instant deadline(Instant opened) {
    LocalDate day = LocalDate.ofInstant(opened, zone);
    int left = properties.deadlineWorkingDays();
    while (left > 0) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        left--;
      }
    }
    // the last second of that day in the bureau's zone
    return day.atTime(LocalTime.MAX).truncatedTo(ChronoUnit.SECONDS).atZone(zone).toInstant();
  }

  boolean isWorkingDay(LocalDate day) {
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    return weekend ? properties.workingWeekends().contains(day) : !properties.holidays().contains(day);
  }
}
