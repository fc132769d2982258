package cn.beian.verify.notify;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.sms.SmsEvents;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerificationService;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change feed over HTTP (docs/http-contract.md §1 "Changes"): a request's events in order, the per-person ones
 * masked, only the caller's, and every invalid parameter a 400 naming it.
 */
@SharedHttpContext
class FilingChangeFeedApiTest extends HttpTestSupport {
  @Autowired VerificationService verificationService;
  @Autowired FilingRepository filings;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void shouldTellEveryEventOfARequestInOrderWithThePersonsMasked() {
    // given a request of provider A whose two persons verify
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(PROVIDER_A_KEY, zhang, li);
    assertThat(verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang)).result())
        .isEqualTo(CheckResult.VERIFIED_PARTIAL);
    assertThat(verificationService.check(li.phone(), latestCode(li.phone()), last6(li)).result())
        .isEqualTo(CheckResult.VERIFIED_COMPLETE);

    // when A follows its feed from the start
    List<JsonNode> mine = follow(PROVIDER_A_KEY, null, 50).stream()
        .filter(item -> item.get("filingId").asText().equals(filingId)).toList();

    // then it got each event once, in the order they happened, the persons masked as in the request view
    assertThat(mine).extracting(i -> i.get("event").asText(), i -> i.get("status").asText(),
        i -> i.path("verifier").path("phone").asText(null), i -> i.path("verifier").path("status").asText(null))
        .containsExactly(
            tuple("filing.status_changed", "VERIFYING", null, null),
            tuple("verifier.sms_sent", "VERIFYING", PhoneNumbers.mask(zhang.phone()), "PENDING"),
            tuple("verifier.sms_sent", "VERIFYING", PhoneNumbers.mask(li.phone()), "PENDING"),
            tuple("verifier.verified", "VERIFYING", PhoneNumbers.mask(zhang.phone()), "VERIFIED"),
            tuple("verifier.verified", "VERIFYING", PhoneNumbers.mask(li.phone()), "VERIFIED"),
            tuple("filing.status_changed", "UNDER_REVIEW", null, null));
    JsonNode verified = mine.get(3);
    assertThat(verified.get("verifier").get("name").asText()).isEqualTo("张*");
    assertThat(verified.get("verifier").get("roles").get(0).asText()).isEqualTo("ENTITY_PRINCIPAL");
    assertThat(verified.get("requestNo").asText()).isNotBlank();
    assertThat(verified.get("at").asText()).endsWith("+08:00");
    assertThat(mine.toString()).doesNotContain(zhang.phone(), li.phone(), "张三", "李四", zhang.idNumber());
    // and the feed's table holds no personal data in clear either
    assertThat(jdbc.queryForList("SELECT * FROM filing_change WHERE filing_id = ?", filingId).toString())
        .doesNotContain(zhang.phone(), li.phone(), "张三", "李四");
  }

  @Test
  void shouldTellThatAnSmsWasNotDeliveredButNotThatNoReceiptCame() {
    // given a request whose two persons got their codes
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(PROVIDER_A_KEY, zhang, li);
    String zhangId = verifierId(filingId, zhang);
    String liId = verifierId(filingId, li);

    // when the trail records a receipt "not delivered" for one, as the SMS outbox does, and no receipt for the other
    new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      filings.addEvent(filingId, zhangId, SmsEvents.SMS_UNDELIVERED, Instant.now(), "UNDELIV");
      filings.addEvent(filingId, liId, "SMS_NO_RECEIPT", Instant.now(), null);
    });

    // then the provider's feed tells the first as verifier.sms_undeliverable, the second not at all
    List<JsonNode> mine = follow(PROVIDER_A_KEY, null, 100).stream()
        .filter(item -> item.get("filingId").asText().equals(filingId)).toList();
    assertThat(mine).extracting(i -> i.get("event").asText(), i -> i.path("verifier").path("phone").asText(null),
        i -> i.path("verifier").path("status").asText(null))
        .endsWith(tuple("verifier.sms_undeliverable", PhoneNumbers.mask(zhang.phone()), "PENDING"));
    assertThat(mine).extracting(i -> i.get("event").asText()).doesNotContain("SMS_NO_RECEIPT")
        .filteredOn(e -> e.startsWith("verifier.sms_")).hasSize(3);
  }

  @Test
  void shouldGiveEachEventOnceAcrossPagesAndOnlyTheCallersOwn() {
    // given requests of both providers
    String a = submitAndSend(PROVIDER_A_KEY, person("张三"), person("李四"));
    String b = submitAndSend(PROVIDER_B_KEY, person("王五"), person("赵六"));

    // when each follows its feed three events at a time
    List<JsonNode> ofA = follow(PROVIDER_A_KEY, null, 3);
    List<JsonNode> ofB = follow(PROVIDER_B_KEY, null, 3);

    // then every event came once, and neither saw the other's request
    assertThat(ofA).extracting(i -> i.get("cursor").asText()).doesNotHaveDuplicates();
    assertThat(ofA).extracting(i -> i.get("filingId").asText()).contains(a).doesNotContain(b);
    assertThat(ofB).extracting(i -> i.get("filingId").asText()).contains(b).doesNotContain(a);
    // and exactly as many as the provider's events stored
    assertThat(ofA).hasSize(jdbc.queryForObject(
        "SELECT COUNT(*) FROM filing_change WHERE provider_id = 'demo-provider-a'", Integer.class));
    // and an empty page keeps the cursor it was given
    String last = ofA.get(ofA.size() - 1).get("cursor").asText();
    Response after = get("/api/v1/filing-changes?after=" + last, PROVIDER_A_KEY);
    assertThat(after.body().get("items")).isEmpty();
    assertThat(after.body().get("nextCursor").asText()).isEqualTo(last);
  }

  @Test
  void shouldRefuseCursorsItDidNotGiveAndInvalidLimits() {
    // given a cursor A was given
    submitAndSend(PROVIDER_A_KEY, person("张三"), person("李四"));
    String aCursor = get("/api/v1/filing-changes?limit=1", PROVIDER_A_KEY).body().get("nextCursor").asText();

    // then B cannot use it, even to read its own events from there
    assertProblem(get("/api/v1/filing-changes?after=" + aCursor, PROVIDER_B_KEY), "after");
    // and made-up, garbled or negative positions are refused
    String seal = aCursor.substring(aCursor.indexOf('.'));
    for (String cursor : List.of("0", "-1", "MA", "garbage", "LTE" + seal, "OTk5OTk5OTk5OTk5" + seal,
        aCursor + "0", aCursor.toUpperCase(), "%00")) {
      assertProblem(get("/api/v1/filing-changes?after=" + cursor, PROVIDER_A_KEY), "after");
    }
    for (String limit : List.of("0", "101", "-1", "1e3", "abc", "")) {
      assertProblem(get("/api/v1/filing-changes?limit=" + limit, PROVIDER_A_KEY), "limit");
    }
    assertProblem(get("/api/v1/filing-changes?after=" + aCursor + "&after=" + aCursor, PROVIDER_A_KEY), "after");
    assertProblem(get("/api/v1/filing-changes?since=1", PROVIDER_A_KEY), "since");
    // and without a key, nothing
    assertThat(get("/api/v1/filing-changes", null).status()).isEqualTo(401);
  }

  @Test
  void shouldDescribeTheListTheFeedAndTheCallbackBodiesInTheOpenApiDocument() {
    // when
    JsonNode docs = get("/v3/api-docs", null).body();

    // then the feed and the list are there with their parameters and examples
    JsonNode feed = docs.at("/paths/~1api~1v1~1filing-changes/get");
    assertThat(feed.get("parameters").findValuesAsText("name")).containsExactlyInAnyOrder("after", "limit");
    assertThat(feed.at("/responses/200").toString()).contains("verifier.verified", "nextCursor");
    assertThat(feed.at("/responses/400").toString()).contains("after");
    JsonNode list = docs.at("/paths/~1api~1v1~1filings/get");
    assertThat(list.get("parameters").findValuesAsText("name")).containsExactlyInAnyOrder("requestNo", "status", "type",
        "province", "submittedFrom", "submittedTo", "limit", "cursor");
    assertThat(list.at("/responses/200").toString()).contains("nextCursor", "FilingPage");
    // and the callback bodies, with the contract's fields and an example each
    JsonNode schemas = docs.at("/components/schemas");
    assertThat(schemas.get("StatusCallback").get("properties").fieldNames()).toIterable()
        .containsExactly("event", "filingId", "requestNo", "status", "returnReason", "at");
    assertThat(schemas.get("VerifierCallback").get("properties").fieldNames()).toIterable()
        .containsExactly("event", "filingId", "requestNo", "verifier", "at");
    assertThat(schemas.get("CallbackVerifier").get("properties").fieldNames()).toIterable()
        .containsExactly("roles", "name", "phone", "status");
    assertThat(schemas.get("VerifierCallback").get("example").toString()).contains("verifier.sms_undeliverable");
    assertThat(schemas.get("StatusCallback").get("example").toString()).contains("filing.status_changed");
  }

  private String verifierId(String filingId, Person person) {
    return jdbc.queryForObject("SELECT id FROM verifier WHERE filing_id = ? AND phone_hash = ?", String.class,
        filingId, hashes.phone(person.phone()));
  }

  private String submitAndSend(String apiKey, Person entity, Person website) {
    Response created = post("/api/v1/filings", apiKey, TestData.newFiling("CN-GS", entity, website));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String filingId = created.body().get("filingId").asText();
    runJobs(filingId);
    return filingId;
  }

  /** the whole feed from {@code after}, page by page, as a provider's sync would read it */
  private List<JsonNode> follow(String apiKey, String after, int limit) {
    List<JsonNode> items = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String cursor = after;
    while (true) {
      Response page = get("/api/v1/filing-changes?limit=" + limit + (cursor == null ? "" : "&after=" + cursor), apiKey);
      assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
      page.body().get("items").forEach(items::add);
      if (page.body().get("items").isEmpty()) {
        return items;
      }
      cursor = page.body().get("nextCursor").asText();
      assertThat(cursors.add(cursor)).as("a cursor never comes back").isTrue();
    }
  }

  private void assertProblem(Response response, String field) {
    assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("errors").findValuesAsText("field")).contains(field);
    assertThat(response.raw().body()).doesNotContain("filingId");
  }
}
