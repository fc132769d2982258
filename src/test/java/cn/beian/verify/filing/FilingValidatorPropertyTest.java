package cn.beian.verify.filing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HostileValues;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Entity;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission.Website;
import cn.beian.verify.filing.ValidFiling.Principal;
import cn.beian.verify.kernel.BusinessZone;
import cn.beian.verify.sms.SenderMode;
import cn.beian.verify.sms.SmsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated hostile submissions against the validator: whatever it is given, it either refuses with field errors or
 * accepts values that fit their storage (V1 migration) and hold no character a name may not hold — never an
 * exception of another kind, never a stack overflow, whatever the input's size.
 */
class FilingValidatorPropertyTest {
  private static final int MAX_WEBSITES = 20;
  private final FilingValidator validator = new FilingValidator(
      new SmsProperties(List.of("166", "199", "198", "147"), SenderMode.CARRIER), new FilingProperties(MAX_WEBSITES),
      new BusinessZone(ZoneId.of("Asia/Shanghai")), Clock.systemUTC());

  /**
   * a valid value nearly always: a submission has some twenty fields, and the hostile ones should meet the checks
   * they aim at one or two at a time, in submissions that are otherwise valid
   */
  private static Arbitrary<String> sometimes(Arbitrary<String> valid) {
    return Arbitraries.frequencyOf(Tuple.of(24, valid), Tuple.of(1, HostileValues.hostileText())).injectNull(0.01);
  }

  @Provide
  Arbitrary<Person> persons() {
    return Combinators.combine(
        sometimes(Arbitraries.of("张三", "欧阳娜娜", "Jean-Luc O'Brien", "艾力·买买提")),
        sometimes(Arbitraries.create(TestData::phone).flatMap(p -> Arbitraries.of(p, "+86 " + p, "86-" + p))),
        sometimes(Arbitraries.of("RESIDENT_ID")),
        sometimes(Arbitraries.create(TestData::residentId))).as(Person::new);
  }

  @Provide
  Arbitrary<FilingSubmission> submissions() {
    Arbitrary<Website> website = Combinators.combine(
        sometimes(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64)),
        sometimes(Arbitraries.of("example.cn", "示例.中国", "a-b.example.com.cn")), persons()).as(Website::new);
    Arbitrary<List<Website>> websites = Arbitraries.frequencyOf(
        Tuple.of(19, website.list().ofMinSize(1).ofMaxSize(3)),
        Tuple.of(1, website.injectNull(0.05).list().ofMinSize(MAX_WEBSITES - 2).ofMaxSize(MAX_WEBSITES + 5)));
    Arbitrary<String> entityName = Arbitraries.frequencyOf(Tuple.of(8, sometimes(Arbitraries.of("兰州示例科技有限公司",
        "甲".repeat(128), "\uD840\uDC00".repeat(128)))), Tuple.of(1, HostileValues.longText()));
    Arbitrary<Entity> entity = Combinators.combine(entityName, persons()).as(Entity::new).injectNull(0.01);
    Arbitrary<String> type = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("NEW_FILING")),
        Tuple.of(1, Arbitraries.just("CHANGE")), Tuple.of(1, sometimes(Arbitraries.of("CANCEL_WEBSITE"))));
    return Combinators.combine(
        sometimes(Arbitraries.strings().alpha().numeric().withChars('-', '_').ofMinLength(1).ofMaxLength(64)), type,
        sometimes(Arbitraries.of("CN-GS", "CN-ZJ")), sometimes(Arbitraries.of("WEBSITE")), entity, websites)
        .flatAs((requestNo, kind, province, service, e, sites) -> changeFor(kind, sites)
            .map(change -> new FilingSubmission(requestNo, kind, province, service, e, sites, change)));
  }

  /** a change section where the type needs one: the websites' refs, now and then with hostile ones among them */
  private static Arbitrary<Change> changeFor(String type, List<Website> websites) {
    if (!"CHANGE".equals(type)) {
      return Arbitraries.just((Change) null);
    }
    List<String> refs = websites.stream().filter(w -> w != null && w.ref() != null).map(Website::ref).toList();
    Arbitrary<List<String>> changed = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(refs)),
        Tuple.of(1, HostileValues.hostileText().list().ofMaxSize(MAX_WEBSITES + 5)));
    return changed.map(list -> new Change(false, list, false));
  }

  @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
  void shouldRefuseWithFieldErrorsOrAcceptOnlyWhatFitsItsStorage(@ForAll("submissions") FilingSubmission submission) {
    // both answers must be exercised, or the property says little
    Statistics.coverage(coverage -> coverage.check("accepted").percentage(p -> p >= 10));
    ValidFiling valid;
    try {
      valid = validator.validate(submission);
    } catch (InvalidFilingException refused) {
      Statistics.collect("refused: " + refused.errors().get(0).field().replaceAll("\\[\\d+]", "[]"));
      assertThat(refused.errors()).isNotEmpty().allSatisfy(e -> {
        assertThat(e.field()).isNotNull();
        // a refusal repeats no more than a short piece of what it was given
        assertThat(e.message().length()).isLessThan(120);
      });
      return;
    }
    Statistics.collect("accepted");
    assertThat(valid.requestNo().length()).isLessThanOrEqualTo(64);
    assertFitsEncrypted(valid.entityName());
    assertThat(PlainText.hasForbiddenCharacter(valid.entityName())).isFalse();
    assertThat(valid.principals()).hasSizeLessThanOrEqualTo(MAX_WEBSITES + 1);
    for (Principal p : valid.principals()) {
      assertThat(p.name().length()).isLessThanOrEqualTo(64);
      assertThat(PlainText.isPersonName(p.name())).isTrue();
      assertFitsEncrypted(p.name());
      assertThat(p.phone()).matches("1[3-9]\\d{9}");
      assertFitsEncrypted(p.idNumber());
      if (p.websiteRef() != null) {
        assertThat(p.websiteRef().length()).isLessThanOrEqualTo(64);
      }
      if (p.websiteDomain() != null) {
        assertThat(p.websiteDomain().length()).isLessThanOrEqualTo(255);
      }
    }
  }

  @Property(tries = 400)
  void shouldJudgeAnyDomainWithoutFailing(@ForAll("domains") String domain) {
    boolean valid = DomainNames.isValid(domain);
    Statistics.collect(valid ? "valid" : "invalid");
    if (valid) {
      assertThat(domain.length()).isLessThanOrEqualTo(253);
      assertThat(domain).contains(".").doesNotStartWith(".").doesNotEndWith(".").doesNotContain("..");
      assertThat(PlainText.hasForbiddenCharacter(domain)).isFalse();
    }
  }

  @Provide
  Arbitrary<String> domains() {
    Arbitrary<String> labels = Arbitraries.oneOf(Arbitraries.strings().withChars("abc-9中.").ofMaxLength(70),
        HostileValues.hostileText());
    Arbitrary<String> many = Arbitraries.integers().between(1, 200_000).map(n -> "a.".repeat(n) + "cn");
    return Arbitraries.oneOf(labels.list().ofMaxSize(8).map(l -> String.join(".", l)), many);
  }

  /** AES-GCM, IV and tag, base64, "v1:" (PersonalDataCipher) in the VARCHAR(2048) columns */
  private static void assertFitsEncrypted(String plain) {
    int bytes = plain.getBytes(StandardCharsets.UTF_8).length;
    int stored = 3 + 4 * ((12 + bytes + 16 + 2) / 3);
    assertThat(stored).isLessThanOrEqualTo(2048);
  }
}
