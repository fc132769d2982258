package cn.beian.verify.kernel;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The zone business times are computed and shown in ({@code beian.verification.zone}, Asia/Shanghai unless
 * configured otherwise). The JVMs run in UTC, so every business date and every time a person reads goes through it.
 */
public record BusinessZone(ZoneId id) {

  public BusinessZone {
    Objects.requireNonNull(id, "zone");
  }

  /** the business calendar's date at the clock's instant (the product's clock has no zone of its own) */
  public LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), id);
  }

  /** the zone as a person reads it, e.g. 北京时间 */
  public String label() {
    return labelOf(id);
  }

  /** {@code zone.<id>} in the message bundle (北京时间 for Asia/Shanghai), the zone's id where it has none */
  public static String labelOf(ZoneId zone) {
    String key = "zone." + zone.getId();
    return Texts.has(key) ? Texts.text(key) : zone.getId();
  }
}
