package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/rules.md §3, wave by wave and day by day around each date, on the real processes/SmsVerificationRollout.dmn. */
class SmsVerificationRolloutDecisionTest {

  private static final List<String> PILOT = List.of("CN-TJ", "CN-GS", "CN-QH", "CN-XZ", "CN-NX", "CN-XJ", "CN-HI");
  private static final List<String> WAVE_2018_09_10 =
      List.of("CN-ZJ", "CN-FJ", "CN-GX", "CN-CQ", "CN-SC", "CN-SN", "CN-YN");
  private static final List<String> WAVE_2018_09_24 =
      List.of("CN-SX", "CN-NM", "CN-HL", "CN-AH", "CN-SD", "CN-HA", "CN-HB", "CN-HN");
  /** the provinces in no wave before the nationwide rollout */
  private static final List<String> NATIONWIDE_ONLY =
      List.of("CN-BJ", "CN-HE", "CN-LN", "CN-JL", "CN-SH", "CN-JS", "CN-JX", "CN-GD", "CN-GZ");

  private static DmnEngine dmnEngine;
  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() throws IOException {
    dmnEngine = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
        .feelEngineFactory(ParsedFeelCache.feelEngineFactory()).buildEngine();
    try (InputStream dmn = SmsVerificationRolloutDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/" + FilingProcess.Decisions.SMS_VERIFICATION_ROLLOUT + ".dmn")) {
      decision = dmnEngine.parseDecision(FilingProcess.Decisions.SMS_VERIFICATION_ROLLOUT, dmn);
    }
  }

  static Stream<Arguments> rolloutTable() {
    return Stream.of(
        waves(PILOT, "2017-12-17", "2017-12-18"),
        waves(WAVE_2018_09_10, "2018-09-09", "2018-09-10"),
        waves(WAVE_2018_09_24, "2018-09-23", "2018-09-24"),
        waves(NATIONWIDE_ONLY, "2020-08-16", "2020-08-17")).flatMap(s -> s);
  }

  private static Stream<Arguments> waves(List<String> provinces, String dayBefore, String firstDay) {
    return provinces.stream().flatMap(province -> Stream.of(
        Arguments.of(province, dayBefore, false),
        Arguments.of(province, firstDay, true)));
  }

  @ParameterizedTest(name = "{0} submitted on {1} → SMS verification {2}")
  @MethodSource("rolloutTable")
  void shouldRequireSmsVerificationFromTheDayOfTheProvincesWave(String province, String submittedOn, boolean expected) {
    assertThat(smsVerificationRequired(province, submittedOn)).isEqualTo(expected);
  }

  @Test
  void shouldCoverAll31ProvincesInTheTable() {
    assertThat(Stream.of(PILOT, WAVE_2018_09_10, WAVE_2018_09_24, NATIONWIDE_ONLY).mapToInt(List::size).sum())
        .isEqualTo(31);
  }

  @Test
  void shouldNotRequireSmsVerificationInAProvinceOutsideTheEarlierWavesBeforeNationwideRollout() {
    assertThat(smsVerificationRequired("CN-GD", "2018-09-24")).isFalse();
    assertThat(smsVerificationRequired("CN-BJ", "2019-06-01")).isFalse();
  }

  @Test
  void shouldNotCarryAWaveOverToAnEarlierWavesDate() {
    assertThat(smsVerificationRequired("CN-ZJ", "2018-01-01")).isFalse();
    assertThat(smsVerificationRequired("CN-SD", "2018-09-10")).isFalse();
  }

  @Test
  void shouldRequireSmsVerificationEverywhereLongAfterNationwideRollout() {
    assertThat(smsVerificationRequired("CN-GS", "2025-01-01")).isTrue();
    assertThat(smsVerificationRequired("CN-SH", "2025-01-01")).isTrue();
  }

  @Test
  void shouldNotRequireSmsVerificationForAnUnknownProvinceBeforeNationwideRollout() {
    assertThat(smsVerificationRequired("CN-XX", "2019-01-01")).isFalse();
  }

  private static Boolean smsVerificationRequired(String province, String submittedOn) {
    return dmnEngine.evaluateDecision(decision, Variables.createVariables()
            .putValue(FilingProcess.Vars.PROVINCE, province)
            .putValue(FilingProcess.Vars.SUBMITTED_ON, submittedOn))
        .getSingleEntry();
  }
}
