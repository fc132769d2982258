package cn.beian.verify.review;

import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bureau's review deadline (docs/rules.md §8; the shared rules leave it open): by default the 20 working days
 * within which a provincial bureau must decide on a complete filing (《非经营性互联网信息服务备案管理办法》 art. 12).
 * Working days are Monday to Friday in the verification zone, minus {@code holidays}, plus {@code workingWeekends}
 * (the make-up days of the State Council's holiday calendar, which changes every year and is configuration).
 *
 * @param deadlineWorkingDays working days after the day the review opens; the deadline is the end of the last one
 * @param holidays weekdays that are not working days
 * @param workingWeekends Saturdays and Sundays that are working days (调休)
 */
@ConfigurationProperties("beian.review")
public record ReviewProperties(@DefaultValue("20") int deadlineWorkingDays, @DefaultValue List<LocalDate> holidays,
    @DefaultValue List<LocalDate> workingWeekends) {

  public ReviewProperties {
    if (deadlineWorkingDays < 1 || deadlineWorkingDays > 366) {
      throw new IllegalArgumentException("beian.review.deadline-working-days must be between 1 and 366");
    }
    holidays = List.copyOf(holidays);
    workingWeekends = List.copyOf(workingWeekends);
  }
}
