package cn.beian.verify.filing.api;

import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The list of a provider's requests (docs/http-contract.md §1 "List") over HTTP: newest first, filters, cursor
 * pages, only the caller's own requests, and every invalid parameter a 400 naming it that reads nothing.
 */
@SharedHttpContext
class FilingListApiTest extends HttpTestSupport {
  /** each test submits in a day of its own, far from the other tests' clocks, and lists within it */
  private Instant day;

  @BeforeEach
  void ownDay() {
    day = Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
  }

  @Test
  void shouldListOnlyTheCallersRequestsNewestFirstPageByPage() {
    // given five requests of provider A, a minute apart, and two of provider B in between
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(0, submit(PROVIDER_A_KEY, "CN-GS", day.plus(Duration.ofMinutes(2 * i))));
      submit(PROVIDER_B_KEY, "CN-GS", day.plus(Duration.ofMinutes(2 * i + 1)));
    }

    // when A follows the list two at a time
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page = get(listOfTheDay("&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)), PROVIDER_A_KEY);
      assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
      page.body().get("items").forEach(item -> seen.add(item.get("filingId").asText()));
      cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
      pages++;
    } while (cursor != null);

    // then it saw its own five, newest first, each once, in three pages, as full request views
    assertThat(seen).containsExactlyElementsOf(mine);
    assertThat(pages).isEqualTo(3);
    JsonNode first = get(listOfTheDay("&limit=1"), PROVIDER_A_KEY).body().get("items").get(0);
    assertThat(first.get("status").asText()).isEqualTo("VERIFYING");
    assertThat(first.has("verifiers")).isTrue();
    assertThat(first.has("history")).isTrue();
  }

  @Test
  void shouldFilterByStatusTypeProvinceAndSubmissionTime() {
    // given requests in two provinces, one of them withdrawn, one of another type
    String gansu = submit(PROVIDER_A_KEY, "CN-GS", day);
    String zhejiang = submit(PROVIDER_A_KEY, "CN-ZJ", day.plusSeconds(60));
    String withdrawn = submit(PROVIDER_A_KEY, "CN-GS", day.plusSeconds(120));
    assertThat(delete("/api/v1/filings/" + withdrawn, PROVIDER_A_KEY).status()).isEqualTo(200);
    setClock(day.plusSeconds(180));
    Response cancel = post("/api/v1/filings", PROVIDER_A_KEY,
        TestData.ofType("CANCEL_WEBSITE", "CN-GS", person("张三"), person("李四"), null));
    assertThat(cancel.status()).as(cancel.raw().body()).isEqualTo(201);

    // then each filter keeps exactly the matching requests
    assertThat(ids(listOfTheDay("&province=CN-ZJ"))).containsExactly(zhejiang);
    assertThat(ids(listOfTheDay("&status=WITHDRAWN"))).containsExactly(withdrawn);
    assertThat(ids(listOfTheDay("&type=CANCEL_WEBSITE"))).containsExactly(cancel.body().get("filingId").asText());
    assertThat(ids(listOfTheDay("&type=NEW_FILING&status=VERIFYING&province=CN-GS"))).containsExactly(gansu);
    // submittedFrom inclusive, submittedTo exclusive, offsets as given
    assertThat(ids("/api/v1/filings?submittedFrom=" + q(day.plusSeconds(60)) + "&submittedTo=" + q(day.plusSeconds(120))))
        .containsExactly(zhejiang);
    assertThat(ids("/api/v1/filings?submittedFrom=" + q(day.atOffset(java.time.ZoneOffset.ofHours(8)).toString())
        + "&submittedTo=" + q(day.plusSeconds(61)))).containsExactly(zhejiang, gansu);
  }

  @Test
  void shouldNeverShowAnotherProvidersRequestWhateverTheFiltersOrCursor() {
    // given A's requests of the day and B with none that day
    submit(PROVIDER_A_KEY, "CN-GS", day);
    submit(PROVIDER_A_KEY, "CN-GS", day.plusSeconds(1));
    submit(PROVIDER_A_KEY, "CN-GS", day.plusSeconds(2));

    // when B lists the same day with every filter that matches A's requests
    for (String filters : List.of("", "&status=VERIFYING", "&province=CN-GS", "&type=NEW_FILING", "&limit=100")) {
      Response b = get(listOfTheDay(filters), PROVIDER_B_KEY);
      // then it sees nothing
      assertThat(b.status()).isEqualTo(200);
      assertThat(b.body().get("items")).isEmpty();
      assertThat(b.body().get("nextCursor").isNull()).isTrue();
    }

    // when B replays a cursor A was given
    String aCursor = get(listOfTheDay("&limit=1"), PROVIDER_A_KEY).body().get("nextCursor").asText();
    Response replayed = get(listOfTheDay("&cursor=" + aCursor), PROVIDER_B_KEY);
    // then it is refused as a cursor it was never given, and shows nothing of A
    assertProblem(replayed, "cursor");
    assertThat(replayed.raw().body()).doesNotContain("filingId");

    // when B forges a cursor with A's position in it (the readable part of A's cursor with a made-up seal)
    String position = aCursor.substring(0, aCursor.indexOf('.'));
    assertProblem(get(listOfTheDay("&cursor=" + position + "." + "0".repeat(32)), PROVIDER_B_KEY), "cursor");
    // or A's cursor with its position moved (seal no longer matches)
    String moved = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("2099-01-01T00:00:00Z\u001Fzzzz").getBytes(StandardCharsets.UTF_8)) + aCursor.substring(aCursor.indexOf('.'));
    assertProblem(get(listOfTheDay("&cursor=" + moved), PROVIDER_A_KEY), "cursor");
    // and a cursor of the change feed is no cursor of the list
    String feedCursor = firstFeedCursor();
    assertProblem(get(listOfTheDay("&cursor=" + feedCursor), PROVIDER_A_KEY), "cursor");
  }

  @Test
  void shouldRefuseEveryInvalidParameterNamingIt() {
    // garbage cursors
    for (String cursor : List.of("garbage", "%00", "a.b", "....", "eyJ4IjoxfQ." + "f".repeat(32), "x".repeat(2000))) {
      assertProblem(get("/api/v1/filings?cursor=" + cursor, PROVIDER_A_KEY), "cursor");
    }
    // limits that are not 1–100 written as digits
    for (String limit : List.of("0", "101", "-1", "1e3", "abc", "1.5", "+5", "0x10", "99999999999999999999", "")) {
      assertProblem(get("/api/v1/filings?limit=" + q(limit), PROVIDER_A_KEY), "limit");
    }
    // times that are not ISO-8601 instants with an offset
    for (String time : List.of("yesterday", "2026-11-22", "2026-11-22T00:00:00", "1700000000")) {
      assertProblem(get("/api/v1/filings?submittedFrom=" + q(time), PROVIDER_A_KEY), "submittedFrom");
      assertProblem(get("/api/v1/filings?submittedTo=" + q(time), PROVIDER_A_KEY), "submittedTo");
    }
    assertProblem(get("/api/v1/filings?submittedFrom=2026-11-23T00:00:00Z&submittedTo=2026-11-22T00:00:00Z",
        PROVIDER_A_KEY), "submittedTo");
    // values outside the contract's
    assertProblem(get("/api/v1/filings?status=verifying", PROVIDER_A_KEY), "status");
    assertProblem(get("/api/v1/filings?status=DRAFT", PROVIDER_A_KEY), "status");
    assertProblem(get("/api/v1/filings?type=NEW", PROVIDER_A_KEY), "type");
    assertProblem(get("/api/v1/filings?province=CN-XX", PROVIDER_A_KEY), "province");
    assertProblem(get("/api/v1/filings?province=%27%20OR%201=1--", PROVIDER_A_KEY), "province");
    // a parameter twice: refused, never joined nor picked from
    assertProblem(get("/api/v1/filings?status=VERIFYING&status=APPROVED", PROVIDER_A_KEY), "status");
    assertProblem(get("/api/v1/filings?limit=1&limit=2", PROVIDER_A_KEY), "limit");
    assertProblem(get("/api/v1/filings?requestNo=A&requestNo=B", PROVIDER_A_KEY), "requestNo");
    // a parameter the list does not have (a typo would otherwise silently list everything)
    assertProblem(get("/api/v1/filings?stauts=VERIFYING", PROVIDER_A_KEY), "stauts");
    // several at once: each named
    Response several = get("/api/v1/filings?limit=abc&status=X&submittedFrom=y", PROVIDER_A_KEY);
    assertThat(several.body().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("limit", "status", "submittedFrom");
  }

  @Test
  void shouldStillFindOneRequestByItsRequestNo() {
    // given
    setClock(day);
    var submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));
    String filingId = post("/api/v1/filings", PROVIDER_A_KEY, submission).body().get("filingId").asText();

    // then the request view, as before the list existed; another provider's number is a 404
    Response found = get("/api/v1/filings?requestNo=" + submission.requestNo(), PROVIDER_A_KEY);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().get("filingId").asText()).isEqualTo(filingId);
    assertThat(get("/api/v1/filings?requestNo=" + submission.requestNo(), PROVIDER_B_KEY).status()).isEqualTo(404);
  }

  private String submit(String apiKey, String province, Instant at) {
    setClock(at);
    Response created = post("/api/v1/filings", apiKey, TestData.newFiling(province, person("张三"), person("李四")));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("filingId").asText();
  }

  private String listOfTheDay(String more) {
    return "/api/v1/filings?submittedFrom=" + q(day) + "&submittedTo=" + q(day.plus(Duration.ofDays(1))) + more;
  }

  private List<String> ids(String path) {
    Response page = get(path, PROVIDER_A_KEY);
    assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
    return page.body().get("items").findValuesAsText("filingId");
  }

  private String firstFeedCursor() {
    Response feed = get("/api/v1/filing-changes?limit=1", PROVIDER_A_KEY);
    assertThat(feed.status()).isEqualTo(200);
    return feed.body().get("items").get(0).get("cursor").asText();
  }

  private void assertProblem(Response response, String field) {
    assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("title").asText()).isEqualTo("查询参数有误");
    assertThat(response.body().get("errors").findValuesAsText("field")).contains(field);
    assertThat(response.raw().body()).doesNotContain("filingId");
  }

  private static String q(Object value) {
    return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
  }
}
