package cn.beian.verify.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a closed request's personal data is kept ({@code beian.retention.*}, README "Personal data: how long it is
 * kept").
 *
 * @param period from the moment a request closes (approved, rejected, returned, withdrawn) until its names, phones, ID
 *     numbers, SMS texts and their lookup hashes are erased; whole days, as it is also the engine's history time to
 *     live
 * @param cron when the erasure runs, in {@code beian.verification.zone} (Spring cron, six fields; "-" never)
 * @param batchSize requests read per round of a run (a run goes on until none is due)
 */
@ConfigurationProperties("beian.retention")
public record RetentionProperties(
    @DefaultValue("P180D") Duration period,
    @DefaultValue("0 30 2 * * *") String cron,
    @DefaultValue("100") int batchSize) {

  public RetentionProperties {
    if (period.isNegative() || period.isZero() || !period.equals(Duration.ofDays(period.toDays()))) {
      throw new IllegalArgumentException("beian.retention.period must be a positive number of whole days: " + period);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("beian.retention.batch-size must be positive");
    }
  }

  /** the period in days, as the engine's historyTimeToLive counts it */
  public int days() {
    return Math.toIntExact(period.toDays());
  }
}
