package cn.beian.verify.filing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Entity;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission.Website;
import cn.beian.verify.kernel.BusinessZone;
import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.sms.SenderMode;
import cn.beian.verify.sms.SmsProperties;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits of one request: how many websites, how long and which characters each field may have. */
class FilingValidatorLimitsTest {
  private final FilingValidator validator = new FilingValidator(
      new SmsProperties(List.of("166", "199", "198", "147"), SenderMode.CARRIER), new FilingProperties(100),
      new BusinessZone(ZoneId.of("Asia/Shanghai")), Clock.systemUTC());

  private static FilingSubmission filing(String entityName, List<Website> websites, Change change) {
    return new FilingSubmission(TestData.requestNo(), change == null ? "NEW_FILING" : "CHANGE", "CN-GS", "WEBSITE",
        new Entity(entityName, TestData.person("张三")), websites, change);
  }

  private static List<Website> websites(int count) {
    Person li = TestData.person("李四");
    return IntStream.range(0, count).mapToObj(i -> new Website("w" + i, "site" + i + ".example.cn", li)).toList();
  }

  private List<FieldError> errorsOf(FilingSubmission submission) {
    try {
      validator.validate(submission);
      return List.of();
    } catch (InvalidFilingException e) {
      return e.errors();
    }
  }

  @Test
  void shouldRefuseMoreWebsitesThanTheLimitWithOneError() {
    // when a request names 10,000 websites
    List<FieldError> errors = errorsOf(filing("兰州示例科技有限公司", websites(10_000), null));

    // then one error, naming the list and the limit
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo("websites");
      assertThat(e.message()).contains("100", "10000");
    });
  }

  @Test
  void shouldAcceptAsManyWebsitesAsTheLimit() {
    assertThat(validator.validate(filing("兰州示例科技有限公司", websites(100), null)).principals()).hasSize(101);
  }

  @Test
  void shouldRefuseAChangeListLongerThanTheLimit() {
    List<String> changed = Collections.nCopies(101, "w0");
    assertThat(errorsOf(filing("兰州示例科技有限公司", websites(1), new Change(false, changed, false))))
        .extracting(FieldError::field).containsExactly("change.changedWebsites");
  }

  @Test
  void shouldRefuseAnEntityNameLongerThanItsColumnHolds() {
    // 520 CJK characters overflowed the encrypted column (a 500 before)
    assertThat(errorsOf(filing("甲".repeat(520), websites(1), null))).extracting(FieldError::field)
        .containsExactly("entity.name");
    // the longest allowed, in 4-byte characters, is accepted
    assertThat(validator.validate(filing("\uD840\uDC00".repeat(128), websites(1), null)).entityName()).hasSize(256);
  }

  @Test
  void shouldRefuseADomainLongerThan253Characters() {
    String label = "a".repeat(60);
    String domain = String.join(".", label, label, label, label, label) + ".cn";
    assertThat(domain.length()).isGreaterThan(253);
    assertThat(errorsOf(filing("兰州示例科技有限公司", List.of(new Website("w1", domain, TestData.person("李四"))), null)))
        .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("websites[0].domain"));
  }

  @Test
  void shouldRefuseADomainOfHalfAMillionLabelsWithoutOverflowingTheStack() {
    String domain = "a.".repeat(500_000) + "cn";
    assertThat(errorsOf(filing("兰州示例科技有限公司", List.of(new Website("w1", domain, TestData.person("李四"))), null)))
        .extracting(FieldError::field).containsExactly("websites[0].domain");
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.cn", "www.example.com.cn", "a-b.example.cn", "示例.中国", "xn--fiqs8s.cn", "A.CN"})
  void shouldAcceptRegisteredDomains(String domain) {
    assertThat(DomainNames.isValid(domain)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cn", "example", "-a.cn", "a-.cn", "a..cn", ".a.cn", "a.cn.", "a.c", "a.c1", "a b.cn",
      "a_b.cn", "exa\u212Aple.cn", "a.cn\u0000"})
  void shouldRefuseMalformedDomains(String domain) {
    assertThat(DomainNames.isValid(domain)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"张\u0000三", "张\u202E三", "张三\u202D", "张\u2066三\u2069", "张\u0085三", "张\n三", "张\r三",
      "张\t三", "张\u200B三", "张\uD800三", "张\u2028三", "张\u007F三"})
  void shouldRefuseNamesWithControlOrBidiCharacters(String name) {
    // given the name as the entity's principal and as the entity's name
    FilingSubmission submission = new FilingSubmission(TestData.requestNo(), "NEW_FILING", "CN-GS", "WEBSITE",
        new Entity(name + "公司", new Person(name, TestData.phone(), "RESIDENT_ID", TestData.residentId())),
        websites(1), null);

    // then both are refused
    assertThat(errorsOf(submission)).extracting(FieldError::field)
        .containsExactlyInAnyOrder("entity.name", "entity.principal.name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"张三", "欧阳娜娜", "艾力·买买提", "Jean-Luc O'Brien", "José Núñez", "\uD840\uDC00\uD840\uDC01"})
  void shouldAcceptNamesAsIdentityDocumentsWriteThem(String name) {
    FilingSubmission submission = new FilingSubmission(TestData.requestNo(), "NEW_FILING", "CN-GS", "WEBSITE",
        new Entity("兰州示例科技有限公司", new Person(name, TestData.phone(), "RESIDENT_ID", TestData.residentId())),
        websites(1), null);
    assertThat(errorsOf(submission)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"张三1", "<b>张三</b>", "张  三", "张三;", "*"})
  void shouldRefuseWhatIsNoPersonsName(String name) {
    FilingSubmission submission = new FilingSubmission(TestData.requestNo(), "NEW_FILING", "CN-GS", "WEBSITE",
        new Entity("兰州示例科技有限公司", new Person(name, TestData.phone(), "RESIDENT_ID", TestData.residentId())),
        websites(1), null);
    assertThat(errorsOf(submission)).extracting(FieldError::field).containsExactly("entity.principal.name");
  }

  @Test
  void shouldRepeatOnlyAShortPieceOfAnInvalidValue() {
    FilingSubmission submission = new FilingSubmission(TestData.requestNo(), "X".repeat(100_000), "CN-GS", "WEBSITE",
        new Entity("兰州示例科技有限公司", TestData.person("张三")), websites(1), null);
    assertThat(errorsOf(submission)).singleElement()
        .satisfies(e -> assertThat(e.message().length()).isLessThan(64));
  }

  @Test
  void shouldStillReportEveryInvalidFieldOfAnOtherwiseSmallRequest() {
    List<Website> sites = new ArrayList<>(websites(2));
    sites.add(new Website("w9", "bad_domain", new Person("李\u0000四", "1380013800", "RESIDENT_ID", "x")));
    assertThatThrownBy(() -> validator.validate(filing("兰州示例科技有限公司", sites, null)))
        .isInstanceOfSatisfying(InvalidFilingException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
            .contains("websites[2].domain", "websites[2].principal.name", "websites[2].principal.phone",
                "websites[2].principal.idNumber"));
  }
}
