package cn.beian.verify.verification.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HostileValues;
import cn.beian.verify.TestData;
import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.verification.VerificationInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated input of the public endpoints against their format checks: what passes is normalised exactly as the
 * rules need it (11 digits, 6 digits, 6 letters or digits); what does not is a refusal naming its fields — nothing
 * else, so no malformed value ever reaches the rules and counts as an attempt.
 */
class PublicInputPropertyTest {

  private static Arbitrary<String> sometimes(Arbitrary<String> valid) {
    return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(1, HostileValues.hostileText())).injectNull(0.03);
  }

  @Provide
  Arbitrary<SmsVerificationRequest> checks() {
    Arbitrary<String> phones = Arbitraries.create(TestData::phone)
        .flatMap(p -> Arbitraries.of(p, "+86 " + p, "86-" + p.substring(0, 3) + "-" + p.substring(3), " " + p + " "));
    return net.jqwik.api.Combinators.combine(sometimes(phones),
        sometimes(Arbitraries.strings().numeric().ofLength(6)),
        sometimes(Arbitraries.strings().withChars("0123456789Xx").ofLength(6)), HostileValues.hostileText().injectNull(0.2))
        .as(SmsVerificationRequest::new);
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void shouldNormaliseOrRefuseNamingTheField(@ForAll("checks") SmsVerificationRequest request) {
    Statistics.coverage(coverage -> coverage.check("passed").percentage(p -> p >= 20));
    VerificationInput.Check check;
    try {
      check = PublicInput.check(request);
    } catch (InvalidPublicRequestException refused) {
      Statistics.collect("refused");
      assertThat(refused.errors()).isNotEmpty().extracting(FieldError::field).allMatch(f ->
          f.equals("phone") || f.equals("code") || f.equals("idLast6"));
      return;
    }
    Statistics.collect("passed");
    assertThat(check.phone()).matches("1[3-9]\\d{9}");
    assertThat(check.code()).matches("\\d{6}");
    assertThat(check.idLast6()).matches("[A-Za-z0-9]{6}");
  }
}
