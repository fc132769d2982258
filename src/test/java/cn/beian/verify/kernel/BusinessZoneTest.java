package cn.beian.verify.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BusinessZoneTest {
  private static final BusinessZone BEIJING = new BusinessZone(ZoneId.of("Asia/Shanghai"));

  @Test
  void shouldDateTheBusinessDayInTheBusinessZoneNotInUtc() {
    // given 16:30 UTC on 30 November, 00:30 on 1 December in Beijing
    Clock clock = Clock.fixed(Instant.parse("2026-11-30T16:30:00Z"), ZoneOffset.UTC);

    // when / then
    assertThat(BEIJING.today(clock)).isEqualTo(LocalDate.of(2026, 12, 1));
  }

  @Test
  void shouldNameTheZoneAsAPersonReadsIt() {
    assertThat(BEIJING.label()).isEqualTo("北京时间");
    // a zone the bundle does not name is shown by its id
    assertThat(BusinessZone.labelOf(ZoneId.of("Asia/Urumqi"))).isEqualTo("Asia/Urumqi");
  }
}
