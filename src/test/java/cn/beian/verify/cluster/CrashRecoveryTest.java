package cn.beian.verify.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beian.verify.HttpTestSupport.Response;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.SmsVerificationProcess;
import cn.beian.verify.sms.smpp.SmscSimulator;
import cn.beian.verify.testdb.ApplicationNode;
import cn.beian.verify.testdb.ChildNode;
import cn.beian.verify.testdb.TestDatabase;
import cn.beian.verify.testdb.TestDatabases;
import cn.beian.verify.kernel.PersonalDataHashes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The application as its own process, killed with SIGKILL in the middle of a burst of submissions and verifications
 * over HTTP, then started again on the same data: nothing it confirmed is lost, nothing pending lost its code or its
 * timers, and no SMS went out twice, but for the one message the kill may have cut mid-send (then with the same
 * code). On both databases: on H2 the shipped file database (application.yaml's URL, WRITE_DELAY=0 included) in a
 * directory under target/, on PostgreSQL a fresh database. The codes are read off an SMSC simulator in this JVM: what
 * reached it is what went out, whatever the application thinks it sent.
 */
@Tag(TestDatabases.TAG)
class CrashRecoveryTest {
  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final int EARLIER_REQUESTS = 10, NEW_REQUESTS = 30, THREADS = 8, ANSWERS_BEFORE_KILL = 20;

  /** a person of a request: a phone and the last six characters of the ID */
  private record Verifier(String phone, String idLast6) {}

  /** what the clients were told before the process died; an unanswered request is known to nobody */
  private record Told(Map<String, String> created, Set<String> verified, int unanswered) {}

  @Test
  void shouldKeepEveryConfirmedAnswerAndSendNoSmsTwiceAcrossAKill() throws Exception {
    Path h2Directory = Path.of("target", "crash-h2", UUID.randomUUID().toString()).toAbsolutePath();
    TestDatabase database = TestDatabases.postgresql() ? TestDatabases.freshPostgresql("crash")
        : TestDatabases.h2File(h2Directory);
    try (SmscSimulator smsc = new SmscSimulator()) {
      Map<String, String> settings = NodeSettings.asShipped(smsc);
      List<Verifier> earlier = new ArrayList<>();
      Told told;
      // given the application running as its own process, with ten requests whose codes reached the SMSC
      try (ChildNode node = ChildNode.on(database).properties(settings).name("crash").start()) {
        NodeClient client = new NodeClient(node.baseUrl());
        for (int i = 0; i < EARLIER_REQUESTS; i++) {
          FilingSubmission submission = newRequest();
          submit(client, submission);
          for (Person person : List.of(submission.entity().principal(), submission.websites().get(0).principal())) {
            earlier.add(new Verifier(person.phone(), TestData.last6(person)));
          }
        }
        await("the first codes").atMost(PATIENCE)
            .until(() -> earlier.stream().allMatch(v -> !smsc.textsTo(v.phone()).isEmpty()));

        // when thirty new requests and the twenty people's verifications come in, eight at a time, and the
        // process is killed with SIGKILL as soon as twenty answers have gone out
        told = burstAndKill(node, client, smsc, earlier);
      }
      LOG.info("Before the kill: {} requests created, {} verifications confirmed, {} requests unanswered",
          told.created().size(), told.verified().size(), told.unanswered());
      assertThat(told.created().size() + told.verified().size()).isGreaterThanOrEqualTo(ANSWERS_BEFORE_KILL);

      // and the application is started again on the same data
      try (ApplicationNode restarted = ApplicationNode.on(database).properties(settings).start()) {
        JdbcTemplate jdbc = restarted.jdbc();
        PersonalDataHashes hashes = restarted.bean(PersonalDataHashes.class);
        ProcessEngine engine = restarted.bean(ProcessEngine.class);

        // then every request answered 201 is there, running, and its provider sees it
        NodeClient client = new NodeClient(restarted.port());
        for (Map.Entry<String, String> created : told.created().entrySet()) {
          Response view = client.get("/api/v1/filings/" + created.getValue(), Map.of("X-Api-Key", NodeClient.PROVIDER_A_KEY));
          assertThat(view.status()).as("request %s", created.getKey()).isEqualTo(200);
          assertThat(view.body().get("requestNo").asText()).isEqualTo(created.getKey());
          assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(FilingProcess.KEY)
              .processInstanceBusinessKey(created.getValue()).count()).isEqualTo(1);
        }
        // and every verification answered VERIFIED is VERIFIED
        for (String phone : told.verified()) {
          assertThat(jdbc.queryForList("SELECT status FROM verifier WHERE phone_hash = ?", String.class,
              hashes.phone(phone))).as("verifier of %s", phone).containsExactly("VERIFIED");
        }
        // and every pending verifier has one live code, its task, its noon resend and its request's window
        Map<String, List<Map<String, Object>>> pending = jdbc.queryForList("SELECT id, filing_id, task_id FROM verifier "
            + "WHERE status = 'PENDING'").stream().collect(Collectors.groupingBy(v -> (String) v.get("filing_id")));
        assertThat(pending).isNotEmpty();
        pending.forEach((filingId, verifiers) ->
            assertPendingVerifiersIntact(jdbc, engine, restarted.bean(FilingRepository.class).get(filingId), verifiers));

        // and once the SMS of the dead process are handed over (its lease runs out), every code went out, once
        await("the outbox").atMost(PATIENCE).until(() -> jdbc.queryForObject(
            "SELECT COUNT(*) FROM sms_outbox WHERE status <> 'SENT'", Integer.class) == 0);
        List<Map<String, Object>> codes = jdbc.queryForList("SELECT v.phone_hash, COUNT(c.id) AS codes FROM verifier v "
            + "JOIN sms_code c ON c.verifier_id = v.id GROUP BY v.phone_hash");
        Map<String, Long> textsPerPhone = new LinkedHashMap<>();
        Map<String, Long> repeats = smsc.received().stream()
            .collect(Collectors.groupingBy(r -> r.to() + " " + r.text(), Collectors.counting()));
        smsc.received().stream().map(SmscSimulator.Received::to).distinct()
            .forEach(phone -> textsPerPhone.put(hashes.phone(phone),
                smsc.received().stream().filter(r -> r.to().equals(phone)).map(SmscSimulator.Received::text)
                    .distinct().count()));
        assertThat(codes).allSatisfy(row -> assertThat(textsPerPhone.get((String) row.get("phone_hash")))
            .as("distinct SMS for a verifier with %s codes", row.get("codes"))
            .isEqualTo(((Number) row.get("codes")).longValue()));
        // and none twice, but for one message a kill cut between the SMSC's acceptance and its record
        assertThat(repeats.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(repeats.values().stream().filter(n -> n > 1)).hasSizeLessThanOrEqualTo(1);
        // and every request started once, each of its people with one first code
        assertThat(jdbc.queryForList("SELECT verifier_id FROM sms_code WHERE reason = 'FIRST' GROUP BY verifier_id "
            + "HAVING COUNT(*) > 1", String.class)).isEmpty();

        // and the requests whose people all verified go on to the bureau, the work the dead process had begun
        List<String> complete = jdbc.queryForList("SELECT f.id FROM filing f WHERE NOT EXISTS (SELECT 1 FROM verifier v "
            + "WHERE v.filing_id = f.id AND v.status <> 'VERIFIED')", String.class);
        await("the completed verifications").atMost(PATIENCE).until(() -> complete.isEmpty()
            || jdbc.queryForList("SELECT DISTINCT status FROM filing WHERE id IN ("
                + String.join(",", Collections.nCopies(complete.size(), "?")) + ")", String.class, complete.toArray())
            .equals(List.of("UNDER_REVIEW")));
        assertThat(jdbc.queryForList("SELECT INCIDENT_MSG_ FROM ACT_RU_INCIDENT", String.class)).isEmpty();
      }
    } finally {
      FileSystemUtils.deleteRecursively(h2Directory);
    }
  }

  /**
   * Submissions and verifications on {@value #THREADS} threads in a random order (its seed is logged), until
   * {@value #ANSWERS_BEFORE_KILL} answers came back: then SIGKILL, with requests in flight.
   */
  private static Told burstAndKill(ChildNode node, NodeClient client, SmscSimulator smsc, List<Verifier> earlier)
      throws InterruptedException {
    List<Runnable> work = new ArrayList<>();
    Map<String, String> created = new ConcurrentHashMap<>();
    Set<String> verified = ConcurrentHashMap.newKeySet();
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch answers = new CountDownLatch(ANSWERS_BEFORE_KILL);
    AtomicInteger unanswered = new AtomicInteger();
    Function<Callable<String>, Runnable> answered = call -> () -> {
      try {
        String problem = call.call();
        if (problem != null) {
          wrong.add(problem);
        }
        answers.countDown();
      } catch (IOException killed) {
        unanswered.incrementAndGet();
      } catch (Exception e) {
        wrong.add(e.toString());
      }
    };
    for (int i = 0; i < NEW_REQUESTS; i++) {
      FilingSubmission submission = newRequest();
      work.add(answered.apply(() -> {
        Response r = client.submit(submission);
        if (r.status() != 201) {
          return "submission answered " + r.status() + ": " + r.raw().body();
        }
        created.put(submission.requestNo(), r.body().get("filingId").asText());
        return null;
      }));
    }
    for (Verifier verifier : earlier) {
      String code = latestCode(smsc, verifier.phone());
      work.add(answered.apply(() -> {
        Response r = client.check(null, verifier.phone(), code, verifier.idLast6(), null);
        if (!r.body().path("result").asText().startsWith("VERIFIED_")) {
          return "verification answered " + r.status() + ": " + r.raw().body();
        }
        verified.add(verifier.phone());
        return null;
      }));
    }
    long seed = System.nanoTime();
    LOG.info("Burst order seed: {}", seed);
    Collections.shuffle(work, new Random(seed));
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      work.forEach(threads::execute);
      assertThat(answers.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("answers before the kill").isTrue();
      node.kill();
      threads.shutdown();
      assertThat(threads.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } finally {
      threads.shutdownNow();
    }
    // what was answered was answered right: every submission 201, every right code VERIFIED
    assertThat(wrong).isEmpty();
    return new Told(Map.copyOf(created), Set.copyOf(verified), unanswered.get());
  }

  /** each pending verifier of the request: one live code and its task; the request: its window and a noon each */
  private static void assertPendingVerifiersIntact(JdbcTemplate jdbc, ProcessEngine engine, Filing filing,
      List<Map<String, Object>> verifiers) {
    for (Map<String, Object> verifier : verifiers) {
      String id = (String) verifier.get("id");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_code WHERE verifier_id = ? AND status = 'LIVE'",
          Integer.class, id)).as("live codes of verifier %s", id).isEqualTo(1);
      assertThat(engine.getTaskService().createTaskQuery().taskId((String) verifier.get("task_id")).count())
          .as("task of verifier %s", id).isEqualTo(1);
    }
    ProcessInstance verification = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(SmsVerificationProcess.KEY).processInstanceBusinessKey(filing.id()).singleResult();
    assertThat(verification).as("verification of %s", filing.id()).isNotNull();
    ManagementService jobs = engine.getManagementService();
    assertThat(jobs.createJobQuery().processInstanceId(verification.getId()).timers()
        .activityId(SmsVerificationProcess.Elements.WINDOW_CLOSED).list())
        .as("window of %s", filing.id()).singleElement()
        .satisfies(job -> assertThat(job.getDuedate().toInstant()).isEqualTo(filing.verificationDeadline()));
    assertThat(jobs.createJobQuery().processInstanceId(verification.getId()).timers()
        .activityId(SmsVerificationProcess.Elements.NOON_RESEND).list())
        .as("noon resends of %s", filing.id()).hasSize(verifiers.size())
        .allSatisfy(job -> assertThat(job.getDuedate().toInstant()).isEqualTo(filing.autoResendAt()));
  }

  private static FilingSubmission newRequest() {
    return TestData.newFiling("CN-GS", TestData.person("张三"), TestData.person("李四"));
  }

  private static String submit(NodeClient client, FilingSubmission submission) throws IOException {
    Response created = client.submit(submission);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("filingId").asText();
  }

  private static String latestCode(SmscSimulator smsc, String phone) {
    List<String> texts = smsc.textsTo(phone);
    Matcher m = CODE.matcher(texts.get(texts.size() - 1));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

}
