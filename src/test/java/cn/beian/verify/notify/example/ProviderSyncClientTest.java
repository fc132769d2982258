package cn.beian.verify.notify.example;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.beian.verify.FilingTestDriver;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.notify.example.ProviderSyncClient.Event;
import cn.beian.verify.testdb.ApplicationNode;
import cn.beian.verify.testdb.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The example provider client end to end against the running application, as shipped where it matters: its own
 * node on a random 127.0.0.1 port with the job executor and the callback outbox running, real HTTP for the provider
 * API and the public verification API, and real callback receivers on random 127.0.0.1 ports. Provider A takes every
 * event; provider B chose two.
 */
@Tag(TestDatabases.TAG)
class ProviderSyncClientTest {
  private static final String SECRET_A = "callback-secret-of-provider-a", SECRET_B = "callback-secret-of-provider-b";
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldSyncEveryEventOnceThroughTheFeedAndReceiveTheSameSignedAsCallbacks() throws Exception {
    List<Event> callbacksA = Collections.synchronizedList(new ArrayList<>());
    List<Event> callbacksB = Collections.synchronizedList(new ArrayList<>());
    try (var receiverA = ProviderSyncClient.receiveCallbacks(0, SECRET_A, callbacksA::add);
         var receiverB = ProviderSyncClient.receiveCallbacks(0, SECRET_B, callbacksB::add);
         ApplicationNode node = ApplicationNode.on(TestDatabases.fresh("sync"))
             .property("camunda.bpm.job-execution.enabled", "true")
             .property("beian.callbacks.providers.demo-provider-a.url", receiverA.url().toString())
             .property("beian.callbacks.providers.demo-provider-a.secret", SECRET_A)
             .property("beian.callbacks.providers.demo-provider-b.url", receiverB.url().toString())
             .property("beian.callbacks.providers.demo-provider-b.secret", SECRET_B)
             .property("beian.callbacks.providers.demo-provider-b.events", "filing.status_changed,verifier.verified")
             .property("beian.callbacks.poll-interval", "PT0.2S")
             .start()) {
      URI base = URI.create("http://127.0.0.1:" + node.port());
      FilingTestDriver driver = new FilingTestDriver(node.bean(ProcessEngine.class), node.bean(JdbcTemplate.class),
          node.bean(PersonalDataCipher.class), node.bean(PersonalDataHashes.class));

      // given a request of each provider, submitted over HTTP, whose two persons verify on the public API
      Person zhang = person("张三");
      Person li = person("李四");
      String filingA = submit(base, "demo-provider-a-key", TestData.newFiling("CN-GS", zhang, li));
      String filingB = submit(base, "demo-provider-b-key", TestData.newFiling("CN-GS", person("王五"), person("赵六")));
      for (String filingId : List.of(filingA, filingB)) {
        awaitTrue("the codes of " + filingId, () -> driver.smsTo(phoneOf(node, filingId, 0)).size() == 1
            && driver.smsTo(phoneOf(node, filingId, 1)).size() == 1);
        for (int i = 0; i < 2; i++) {
          String phone = phoneOf(node, filingId, i);
          verify(base, phone, driver.latestCode(phone), idLast6Of(node, filingId, i));
        }
      }

      // when provider A's client syncs through the feed (until its request is under review), keeping its cursor
      ProviderSyncClient.InMemoryCursor cursor = new ProviderSyncClient.InMemoryCursor();
      ProviderSyncClient client = new ProviderSyncClient(base, "demo-provider-a-key", cursor);
      List<Event> synced = new ArrayList<>();
      awaitTrue("A's request under review in the feed", () -> {
        client.sync(synced::add);
        return synced.stream().anyMatch(e -> e.filingId().equals(filingA) && "UNDER_REVIEW".equals(e.status())
            && e.event().equals("filing.status_changed"));
      });

      // then it got every event of its request once, in order, and nothing of B's
      List<String> zhangLi = List.of(PhoneNumbers.mask(zhang.phone()), PhoneNumbers.mask(li.phone()));
      assertThat(synced).extracting(Event::filingId).containsOnly(filingA);
      assertThat(synced).extracting(Event::event, Event::verifierPhone).containsExactly(
          tuple("filing.status_changed", null),
          tuple("verifier.sms_sent", zhangLi.get(0)), tuple("verifier.sms_sent", zhangLi.get(1)),
          tuple("verifier.verified", zhangLi.get(0)), tuple("verifier.verified", zhangLi.get(1)),
          tuple("filing.status_changed", null));
      // and syncing again, or a new client from the stored cursor, finds nothing new: nothing twice
      assertThat(client.sync(synced::add)).isZero();
      assertThat(new ProviderSyncClient(base, "demo-provider-a-key", cursor).sync(synced::add)).isZero();

      // and the same events reached A's callback endpoint, signed (none refused), in the same order
      awaitTrue("A's callbacks", () -> callbacksA.size() >= synced.size());
      assertThat(receiverA.refused()).isEmpty();
      assertThat(List.copyOf(callbacksA)).extracting(Event::filingId, Event::event, Event::verifierPhone)
          .containsExactlyElementsOf(synced.stream().map(e -> tuple(e.filingId(), e.event(), e.verifierPhone())).toList());
      // with exactly the contract's fields, the person masked
      Event verified = callbacksA.stream().filter(e -> e.event().equals("verifier.verified")).findFirst().orElseThrow();
      assertThat(fieldNames(verified.raw())).containsExactly("event", "filingId", "requestNo", "verifier", "at");
      assertThat(fieldNames(verified.verifier())).containsExactly("roles", "name", "phone", "status");
      assertThat(verified.verifier().get("name").asText()).isEqualTo("张*");
      assertThat(verified.verifier().get("status").asText()).isEqualTo("VERIFIED");
      assertThat(callbacksA.toString()).doesNotContain(zhang.phone(), li.phone(), "张三", "李四");

      // and provider B received only the events it chose
      awaitTrue("B's callbacks", () -> callbacksB.stream().anyMatch(e -> "UNDER_REVIEW".equals(e.status())));
      assertThat(List.copyOf(callbacksB)).extracting(Event::filingId).containsOnly(filingB);
      assertThat(List.copyOf(callbacksB)).extracting(Event::event).containsExactly("filing.status_changed",
          "verifier.verified", "verifier.verified", "filing.status_changed");

      // and a callback with a forged signature is refused by the example receiver, and not applied
      int before = callbacksA.size();
      String forged = "{\"event\":\"filing.status_changed\",\"filingId\":\"" + filingA + "\",\"status\":\"APPROVED\"}";
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(receiverA.url())
          .header("X-Signature", ProviderSyncClientTestSignatures.signedWith("not-the-secret", forged))
          .POST(HttpRequest.BodyPublishers.ofString(forged)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(callbacksA).hasSize(before);
      assertThat(ProviderSyncClient.signatureValid(SECRET_A, forged.getBytes(StandardCharsets.UTF_8),
          ProviderSyncClientTestSignatures.signedWith(SECRET_A, forged))).isTrue();
    }
  }

  private String submit(URI base, String apiKey, FilingSubmission submission) throws Exception {
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/filings"))
        .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(submission))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("filingId").asText();
  }

  private void verify(URI base, String phone, String code, String idLast6) throws Exception {
    String body = JSON.writeValueAsString(Map.of("phone", phone, "code", code, "idLast6", idLast6));
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/sms-verifications"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).get("result").asText()).startsWith("VERIFIED_");
  }

  /** the i-th verifier's phone, in clear, as the test (not the provider) may read it */
  private static String phoneOf(ApplicationNode node, String filingId, int i) {
    return node.bean(PersonalDataCipher.class).decrypt(node.jdbc().queryForList(
        "SELECT phone_enc FROM verifier WHERE filing_id = ? ORDER BY seq", String.class, filingId).get(i));
  }

  private static String idLast6Of(ApplicationNode node, String filingId, int i) {
    String idNumber = node.bean(PersonalDataCipher.class).decrypt(node.jdbc().queryForList(
        "SELECT p.id_number_enc FROM filing_person p JOIN verifier v ON p.verifier_id = v.id WHERE v.filing_id = ? "
            + "ORDER BY v.seq, p.seq", String.class, filingId).get(i));
    return idNumber.substring(idNumber.length() - 6);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** waits for something the application does in the background; never a measured bound */
  private static void awaitTrue(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + PATIENCE);
      }
      Thread.sleep(100);
    }
  }
}
