package cn.beian.verify.filing.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The probes of a hostile provider against the submission: too many websites, fields longer than their columns, a
 * domain that overflowed a regular expression's stack, control characters in names. Each is a 4xx problem document;
 * nothing is stored, started or sent.
 */
@SharedHttpContext
class FilingApiLimitsTest extends HttpTestSupport {

  private static Map<String, Object> submission(String requestNo, String entityName, Person entityPrincipal,
      List<Map<String, Object>> websites) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestNo", requestNo);
    body.put("type", "NEW_FILING");
    body.put("province", "CN-GS");
    body.put("serviceType", "WEBSITE");
    body.put("entity", Map.of("name", entityName, "principal", entityPrincipal));
    body.put("websites", websites);
    return body;
  }

  private static Map<String, Object> website(String ref, String domain, Person principal) {
    return Map.of("ref", ref, "domain", domain, "principal", principal);
  }

  private void assertNothingStoredOrSent(String requestNo, Person... persons) {
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM filing WHERE request_no = ?", Integer.class, requestNo)).isZero();
    for (Person p : persons) {
      assertThat(smsTo(p.phone())).isEmpty();
    }
  }

  @Test
  void shouldRefuseMoreWebsitesThanTheLimitBeforeStoringOrSendingAnything() {
    // given one website more than the default limit (100), each with a principal of its own
    String requestNo = TestData.requestNo();
    Person zhang = TestData.person("张三");
    List<Person> principals = IntStream.range(0, 101).mapToObj(i -> TestData.person("李四")).toList();
    List<Map<String, Object>> websites = IntStream.range(0, 101)
        .mapToObj(i -> website("w" + i, "site" + i + ".example.cn", principals.get(i))).toList();

    // when
    Response response = post("/api/v1/filings", PROVIDER_A_KEY, submission(requestNo, "兰州示例科技有限公司", zhang, websites));

    // then
    assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("errors")).hasSize(1);
    assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("websites");
    assertNothingStoredOrSent(requestNo, zhang, principals.get(0), principals.get(100));
  }

  @Test
  void shouldRefuseTenThousandWebsitesByTheBodyLimit() {
    // given the probe's request of 10,000 websites (201 after 127 s and 10,001 SMS before)
    String requestNo = TestData.requestNo();
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    List<Map<String, Object>> websites = IntStream.range(0, 10_000)
        .mapToObj(i -> website("w" + i, "site" + i + ".example.cn", li)).toList();

    // when
    Response response = post("/api/v1/filings", PROVIDER_A_KEY, submission(requestNo, "兰州示例科技有限公司", zhang, websites));

    // then
    assertThat(response.status()).isIn(400, 413);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertNothingStoredOrSent(requestNo, zhang, li);
  }

  @Test
  void shouldRefuseFieldsLongerThanTheirColumnsWithoutAServerError() {
    // given an entity name of 520 CJK characters and a domain of 300 characters (both 500s before)
    String first = TestData.requestNo();
    String second = TestData.requestNo();
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    String longDomain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "."
        + "e".repeat(40) + ".cn";

    // when
    Response longName = post("/api/v1/filings", PROVIDER_A_KEY, submission(first, "甲".repeat(520), zhang,
        List.of(website("w1", "example.cn", li))));
    Response longDomainAnswer = post("/api/v1/filings", PROVIDER_A_KEY, submission(second, "兰州示例科技有限公司", zhang,
        List.of(website("w1", longDomain, li))));

    // then each is a 400 naming its field
    assertThat(longName.status()).as(longName.raw().body()).isEqualTo(400);
    assertThat(longName.body().get("errors").get(0).get("field").asText()).isEqualTo("entity.name");
    assertThat(longDomainAnswer.status()).as(longDomainAnswer.raw().body()).isEqualTo(400);
    assertThat(longDomainAnswer.body().get("errors").get(0).get("field").asText()).isEqualTo("websites[0].domain");
    assertNothingStoredOrSent(first, zhang, li);
    assertNothingStoredOrSent(second, zhang, li);
  }

  @Test
  void shouldRefuseNamesWithNulOrARightToLeftOverride() {
    // given names that would reach SMS texts, Tasklist and the reviewer's screen
    String requestNo = TestData.requestNo();
    Person nul = new Person("张\u0000三", TestData.phone(), "RESIDENT_ID", TestData.residentId());
    Person override = new Person("李\u202E四", TestData.phone(), "RESIDENT_ID", TestData.residentId());

    // when
    Response response = post("/api/v1/filings", PROVIDER_A_KEY, submission(requestNo, "兰州\u0085示例科技有限公司", nul,
        List.of(website("w1", "example.cn", override))));

    // then
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().findValuesAsText("field"))
        .containsExactlyInAnyOrder("entity.name", "entity.principal.name", "websites[0].principal.name");
    assertNothingStoredOrSent(requestNo, nul, override);
  }

  @Test
  void shouldStoreARequestWithEveryFieldAtItsLongest() {
    // given the longest entity name (4-byte characters), person names and domain the limits allow
    String requestNo = "R".repeat(64);
    Person zhang = new Person("\uD840\uDC00".repeat(32), TestData.phone(), "RESIDENT_ID", TestData.residentId());
    Person li = new Person("L".repeat(64), TestData.phone(), "PASSPORT", "E" + "1".repeat(16));
    String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".cn";
    assertThat(domain).hasSize(253);

    // when
    Response response = post("/api/v1/filings", PROVIDER_A_KEY, submission(requestNo, "\uD840\uDC00".repeat(128), zhang,
        List.of(website("w".repeat(64), domain, li))));

    // then it is stored and its codes sent
    assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
    runJobs(response.body().get("filingId").asText());
    assertThat(smsTo(zhang.phone())).hasSize(1);
    assertThat(smsTo(li.phone())).hasSize(1);
  }
}
