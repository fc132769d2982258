package cn.beian.verify.review;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as staff read them: to the minute, in the business zone (Beijing), a dash for none. */
final class BeijingTimes {
  private final DateTimeFormatter format;

  BeijingTimes(ZoneId zone) {
    this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
  }

  String format(Instant instant) {
    return instant == null ? "—" : format.format(instant);
  }
}
