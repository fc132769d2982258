package cn.beian.verify.filing.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.sms.BuiltinReceipts;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The request view's {@code sms} per verifier (docs/http-contract.md §1) with the built-in gateway, whose simulated
 * carrier answers each message with a receipt after a short delay, and reports the demo number listed in
 * {@code beian.sms.builtin.undeliverable-numbers} undeliverable.
 */
@SharedHttpContext
class FilingViewSmsTest extends HttpTestSupport {
  private static final String UNDELIVERABLE = "13900000404";

  @Autowired BuiltinReceipts receipts;
  @Autowired Clock clock;

  private JsonNode verifier(String filingId, String maskedPhone) {
    for (JsonNode v : get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body().get("verifiers")) {
      if (v.get("phone").asText().equals(maskedPhone)) {
        return v;
      }
    }
    throw new AssertionError("no verifier " + maskedPhone);
  }

  private static String masked(String phone) {
    return phone.substring(0, 3) + "****" + phone.substring(7);
  }

  private String submit(Person entity, Person website) {
    Response created = post("/api/v1/filings", PROVIDER_A_KEY, TestData.newFiling("CN-GS", entity, website));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("filingId").asText();
  }

  /** the simulated carrier's receipts, once their delay has passed */
  private void receiptsCome() {
    setClock(clock.instant().plus(Duration.ofSeconds(3)));
    receipts.deliverDue();
  }

  private List<String> trail(String filingId) {
    List<String> events = new ArrayList<>();
    get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body().get("history").forEach(e -> events.add(e.get("event").asText()));
    return events;
  }

  @Test
  void shouldShowSubmittedThenDeliveredInBeijingTime() {
    // given a submitted request
    Person zhang = TestData.person("张三");
    String filingId = submit(zhang, TestData.person("李四"));

    // when the codes go out
    runJobs(filingId);
    // then the carrier (simulated) accepted it
    JsonNode submitted = verifier(filingId, masked(zhang.phone())).get("sms");
    assertThat(submitted.get("state").asText()).isEqualTo("SUBMITTED");

    // when its receipt comes
    receiptsCome();
    // then the view says delivered, with the time in Beijing time, and only the documented fields
    JsonNode delivered = verifier(filingId, masked(zhang.phone())).get("sms");
    assertThat(delivered.properties()).extracting(e -> e.getKey()).containsExactly("state", "at");
    assertThat(delivered.get("state").asText()).isEqualTo("DELIVERED");
    assertThat(OffsetDateTime.parse(delivered.get("at").asText()).getOffset()).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(trail(filingId)).contains("SMS_DELIVERED");
  }

  @Test
  void shouldReportTheDemoUndeliverableNumberAndRerouteItsCodeOnceThroughTheUnifiedSender() {
    // given a request naming the demo's undeliverable number
    Person li = new Person("李四", UNDELIVERABLE, "RESIDENT_ID", TestData.residentId());
    String filingId = submit(TestData.person("张三"), li);
    runJobs(filingId);

    // when the simulated carrier's receipt comes
    receiptsCome();
    // then the view says undeliverable, the trail says so and that the code went out again through 12381
    assertThat(verifier(filingId, masked(UNDELIVERABLE)).get("sms").get("state").asText()).isEqualTo("SUBMITTED");
    assertThat(trail(filingId)).containsSubsequence("SMS_UNDELIVERABLE", "SMS_REROUTED");
    List<String> senders = jdbc.queryForList("SELECT sender FROM sms_outbox WHERE filing_id = ? AND to_hash = ? "
        + "ORDER BY created_at", String.class, filingId, hashes.phone(UNDELIVERABLE));
    assertThat(senders).containsExactly("106575000130", "12381");
    assertThat(smsTo(UNDELIVERABLE)).hasSize(2).satisfies(texts -> assertThat(texts.get(0)).isEqualTo(texts.get(1)));

    // when the rerouted message's receipt comes: undeliverable too
    receiptsCome();
    // then the view says so, and the code does not go out a third time
    JsonNode sms = verifier(filingId, masked(UNDELIVERABLE)).get("sms");
    assertThat(sms.get("state").asText()).isEqualTo("UNDELIVERABLE");
    assertThat(senders(filingId)).hasSize(2);
    assertThat(trail(filingId).stream().filter("SMS_UNDELIVERABLE"::equals)).hasSize(2);
  }

  private List<String> senders(String filingId) {
    return jdbc.queryForList("SELECT sender FROM sms_outbox WHERE filing_id = ? AND to_hash = ?", String.class,
        filingId, hashes.phone(UNDELIVERABLE));
  }
}
