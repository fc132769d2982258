package cn.beian.verify.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beian.verify.HttpTestSupport.Response;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.notify.CallbackProperties;
import cn.beian.verify.portal.CaptchaTestHook;
import cn.beian.verify.process.SmsVerificationProcess;
import cn.beian.verify.sms.SmsOutboxProperties;
import cn.beian.verify.sms.smpp.SmscSimulator;
import cn.beian.verify.testdb.ApplicationNode;
import cn.beian.verify.testdb.ChildNode;
import cn.beian.verify.testdb.TestDatabase;
import cn.beian.verify.testdb.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes on one PostgreSQL, configured as in production where it matters: the job executor on (lock
 * time 30 s), the SMS outbox dispatched in the background with its poller, callbacks to a provider, the captcha and
 * the request limits on, SMS through an SMSC (a simulator in this JVM that counts every message that reaches it), and
 * for the takeover a third node in a JVM of its own that is killed with SIGKILL.
 *
 * <p>The engine clock is JVM-wide: the two nodes here always agree on the time, and the tests move it for both to
 * bring timers due. Each test scopes what it asserts to its own requests and phones (the nodes and the database are
 * shared by the class). PostgreSQL only: nodes share a server database; the embedded H2 file belongs to one process.
 */
@Tag(TestDatabases.POSTGRESQL_ONLY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterTest.class);
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  /** how long anything in this class may take to settle: far above what it needs, never a measured bound */
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  /** the takeover bound of issue 11: a dead node's jobs and outbox rows are someone else's within 30 s */
  private static final Duration TAKEOVER = Duration.ofSeconds(30);

  private static TestDatabase database;
  private static SmscSimulator smsc;
  private static CallbackReceiver provider;
  private static ApplicationNode a;
  private static ApplicationNode b;

  @BeforeAll
  static void startTheCluster() throws Exception {
    database = TestDatabases.freshPostgresql("cluster");
    smsc = new SmscSimulator();
    provider = new CallbackReceiver();
    // both at once, as an operator's rollout would start them
    ExecutorService starting = Executors.newFixedThreadPool(2);
    try {
      Future<ApplicationNode> first = starting.submit(() -> ApplicationNode.on(database).properties(settings()).start());
      Future<ApplicationNode> second = starting.submit(() -> ApplicationNode.on(database).properties(settings()).start());
      a = first.get();
      b = second.get();
    } finally {
      starting.shutdownNow();
    }
  }

  @AfterAll
  static void stopTheCluster() throws IOException {
    ClockUtil.reset();
    for (AutoCloseable closeable : new AutoCloseable[] {a, b}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("closing a node failed", e);
        }
      }
    }
    if (provider != null) {
      provider.close();
    }
    if (smsc != null) {
      smsc.close();
    }
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  /** every node of the cluster, in this JVM or its own: as shipped, with a provider's callbacks, captcha and limits */
  private static Map<String, String> settings() {
    Map<String, String> settings = NodeSettings.asShipped(smsc);
    settings.put("beian.callbacks.providers.demo-provider-a.url", provider.url());
    settings.put("beian.callbacks.providers.demo-provider-a.secret", "cluster-test-callback-secret");
    settings.put("beian.captcha.enabled", "true");
    settings.put("beian.rate-limits.enabled", "true");
    // the load balancer in front: every test request comes through it and names its client in X-Forwarded-For
    settings.put("beian.rate-limits.trusted-proxies", "127.0.0.1");
    return settings;
  }

  @Test
  @Order(1)
  void shouldShareThePerPhoneLimitAcrossNodes() throws Exception {
    // given ten solved puzzles and a phone nobody has checked yet (the rule: 5 checks per phone a minute)
    String phone = TestData.phone();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tokens.add(solvePuzzle(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, "198.51.100.7"));
    }

    // when ten checks naming it reach the two nodes at once, five each, from one client
    List<Callable<Response>> checks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      NodeClient node = client(i % 2 == 0 ? a : b);
      String token = tokens.get(i);
      checks.add(() -> node.check("198.51.100.8", phone, "123456", "07123X", token));
    }
    List<Response> answers = all(checks);

    // then five pass the limit (and reach the rules: nothing pending for that phone), the other five are 429
    assertThat(answers).filteredOn(r -> r.status() == 200)
        .hasSize(5)
        .allSatisfy(r -> assertThat(r.body().get("result").asText()).isEqualTo("NOT_FOUND"));
    assertThat(answers).filteredOn(r -> r.status() == 429)
        .hasSize(5)
        .allSatisfy(r -> {
          assertThat(r.header("Retry-After")).isNotNull();
          assertThat(r.body().get("detail").asText()).contains("该手机号码的操作过于频繁");
        });
  }

  @Test
  @Order(2)
  void shouldShareThePerClientLimitAcrossNodes() throws Exception {
    // given one client address (the rule: 10 checks or resend requests per client a minute)
    String clientAddress = "198.51.100.20";

    // when it sends twelve checks for twelve phones at once, six to each node
    List<Callable<Response>> checks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      NodeClient node = client(i % 2 == 0 ? a : b);
      String phone = TestData.phone();
      checks.add(() -> node.check(clientAddress, phone, "123456", "07123X", "forged"));
    }
    List<Response> answers = all(checks);

    // then ten pass the limit (and fail the captcha), two are refused before their body is read
    assertThat(answers).filteredOn(r -> r.status() == 200)
        .hasSize(10)
        .allSatisfy(r -> assertThat(r.body().get("result").asText()).isEqualTo("CAPTCHA_FAILED"));
    assertThat(answers).filteredOn(r -> r.status() == 429)
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.body().get("detail").asText()).startsWith("操作过于频繁,请稍后再试。"));
  }

  @Test
  @Order(3)
  void shouldAcceptACaptchaTokenOnAnyNodeOnceForTheWholeCluster() throws Exception {
    // given a verifier whose code reached the SMSC
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    submitAndAwaitCodes(a, TestData.newFiling("CN-GS", zhang, li));
    String code = codesTo(zhang.phone()).get(0);

    // when a puzzle fetched from node A is solved on node B, and its token is spent on node B
    String token = solvePuzzle(a, b, "198.51.100.30");
    Response spent = client(b).check("198.51.100.30", zhang.phone(), code, TestData.last6(zhang), token);

    // then B accepts it, and afterwards neither node does
    assertThat(spent.body().get("result").asText()).isEqualTo("VERIFIED_PARTIAL");
    for (ApplicationNode node : List.of(a, b)) {
      Response again = client(node).check("198.51.100.30", li.phone(), "123456", TestData.last6(li), token);
      assertThat(again.body().get("result").asText()).isEqualTo("CAPTCHA_FAILED");
    }

    // and when one fresh token reaches both nodes at the same moment, exactly one of them takes it
    String raced = solvePuzzle(b, a, "198.51.100.31");
    List<Response> race = all(List.of(
        () -> client(a).check("198.51.100.31", TestData.phone(), "123456", "07123X", raced),
        () -> client(b).check("198.51.100.31", TestData.phone(), "123456", "07123X", raced)));
    assertThat(race).extracting(r -> r.body().get("result").asText())
        .containsExactlyInAnyOrder("NOT_FOUND", "CAPTCHA_FAILED");
  }

  @Test
  @Order(4)
  void shouldFireEveryTimerOnceAcrossTheNodes() throws Exception {
    // given six requests submitted at 15:00 Beijing time, half through each node, their first codes sent
    ZonedDateTime submitted = nextBeijing(LocalTime.of(15, 0));
    setClusterClock(submitted.toInstant());
    List<Submitted> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      requests.add(submitAndAwaitCodes(i % 2 == 0 ? a : b, TestData.newFiling("CN-GS", TestData.person("张三"),
          TestData.person("李四"))));
    }
    List<String> filingIds = requests.stream().map(Submitted::filingId).toList();
    List<String> phones = requests.stream().flatMap(r -> r.phones().stream()).toList();
    awaitOutboxesDrained(filingIds);

    // when noon Beijing time comes the next day, on both nodes at once
    setClusterClock(submitted.toLocalDate().plusDays(1).atTime(12, 0, 30).atZone(BEIJING).toInstant());
    await("the noon resend").atMost(PATIENCE).until(() ->
        timers(filingIds, SmsVerificationProcess.Elements.NOON_RESEND).isEmpty()
            && phones.stream().allMatch(p -> smsc.textsTo(p).size() >= 2));
    awaitOutboxesDrained(filingIds);

    // then every pending verifier got exactly one new code, in exactly one SMS
    for (String phone : phones) {
      List<String> codes = codesTo(phone);
      assertThat(codes).as("SMS to %s", phone).hasSize(2);
      assertThat(codes.get(1)).isNotEqualTo(codes.get(0));
    }
    assertThat(countPerVerifier(filingIds, "SELECT v.id, COUNT(c.id) FROM verifier v JOIN sms_code c "
        + "ON c.verifier_id = v.id AND c.reason = 'AUTO_RESEND' WHERE v.filing_id IN (%s) GROUP BY v.id"))
        .hasSize(12).allSatisfy((verifier, n) -> assertThat(n).isEqualTo(1));
    assertThat(countPerVerifier(filingIds, "SELECT verifier_id, COUNT(*) FROM filing_event "
        + "WHERE event = 'SMS_RESENT' AND filing_id IN (%s) GROUP BY verifier_id"))
        .hasSize(12).allSatisfy((verifier, n) -> assertThat(n).isEqualTo(1));

    // when the 24-hour window closes
    Instant deadline = jdbc().queryForObject("SELECT MAX(verification_deadline) FROM filing WHERE id IN ("
        + in(filingIds) + ")", Timestamp.class, filingIds.toArray()).toInstant();
    setClusterClock(deadline.plusSeconds(30));
    await("the window closing").atMost(PATIENCE).until(() -> statuses(filingIds).equals(Set.of("RETURNED"))
        && timers(filingIds, SmsVerificationProcess.Elements.WINDOW_CLOSED).isEmpty());
    awaitOutboxesDrained(filingIds);

    // then each verifier expired once, each request was returned once, and its provider was told once
    assertThat(countPerVerifier(filingIds, "SELECT verifier_id, COUNT(*) FROM filing_event "
        + "WHERE event = 'EXPIRED' AND filing_id IN (%s) GROUP BY verifier_id"))
        .hasSize(12).allSatisfy((verifier, n) -> assertThat(n).isEqualTo(1));
    assertThat(jdbc().queryForList("SELECT status FROM verifier WHERE filing_id IN (" + in(filingIds) + ")",
        String.class, filingIds.toArray())).hasSize(12).containsOnly("EXPIRED");
    assertThat(countPerFiling(filingIds, "SELECT filing_id, COUNT(*) FROM filing_event "
        + "WHERE event = 'RETURNED' AND filing_id IN (%s) GROUP BY filing_id"))
        .hasSize(6).allSatisfy((filing, n) -> assertThat(n).isEqualTo(1));
    for (String filingId : filingIds) {
      assertThat(provider.acknowledged()).filteredOn(d -> d.filingId().equals(filingId) && d.status().equals("RETURNED"))
          .as("RETURNED callbacks of %s", filingId).hasSize(1);
    }
    // and nobody got a third SMS, and nothing failed on the way
    assertThat(phones).allSatisfy(p -> assertThat(smsc.textsTo(p)).hasSize(2));
    assertNoIncidentsOrFailedJobs();
    LOG.info("Timer jobs executed per node: {}", jdbc().queryForList("SELECT HOSTNAME_, COUNT(*) AS jobs "
        + "FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND JOB_DEF_TYPE_ = 'timer-transition' GROUP BY HOSTNAME_"));
  }

  /**
   * A node dies holding the window timers of three requests (their jobs locked by it, blocked mid-execution), the
   * first SMS of a request it accepted (leased, mid-hand-over) and a callback (leased, sent, unanswered). The
   * timers come due for it first because its clock runs 25 hours ahead; the moment it is killed the cluster's clock
   * reaches its time. SIGKILL: nothing of it runs again, nothing it held is released by it.
   */
  @Test
  @Order(5)
  void shouldTakeOverTheJobsAndOutboxRowsOfAKilledNode() throws Exception {
    Duration ahead = Duration.ofHours(25);
    // given three requests submitted through node A, their codes sent and their callbacks acknowledged
    List<Submitted> requests = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      requests.add(submitAndAwaitCodes(a, TestData.newFiling("CN-GS", TestData.person("张三"), TestData.person("李四"))));
    }
    List<String> expiring = requests.stream().map(Submitted::filingId).toList();
    awaitOutboxesDrained(expiring);

    ChildNode c = null;
    Connection blocker = database.jdbc().getDataSource().getConnection();
    try {
      // and, held by the test: the rows that closing their windows writes first, and the table every SMPP
      // hand-over reads before its first submit (so whoever executes those jobs or hands over an SMS waits here)
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("SELECT id FROM sms_code WHERE verifier_id IN (SELECT id FROM verifier WHERE filing_id IN ("
            + quoted(expiring) + ")) FOR UPDATE");
        s.execute("SELECT id FROM verifier WHERE filing_id IN (" + quoted(expiring) + ") FOR UPDATE");
        s.execute("LOCK TABLE sms_outbox_part IN ACCESS EXCLUSIVE MODE");
      }

      // and a third node C whose clock is 25 hours ahead: for it alone the three windows are over
      c = ChildNode.on(database).properties(settings()).clockOffset(ahead).name("doomed").start();
      Set<String> survivors = Set.of(lockOwner(a), lockOwner(b));
      await("C holding the window timers").atMost(PATIENCE).until(() -> {
        List<Job> windows = timers(expiring, SmsVerificationProcess.Elements.WINDOW_CLOSED);
        return windows.size() == 3 && windows.stream().map(j -> ((JobEntity) j).getLockOwner())
            .allMatch(owner -> owner != null && !survivors.contains(owner));
      });
      // and a request accepted by C, whose first SMS C claimed and is handing over
      Submitted handedOver = submitAndAwaitOutbox(new NodeClient(c.baseUrl()));
      await("C handing over an SMS").atMost(PATIENCE).until(() -> jdbc().queryForObject("SELECT COUNT(*) FROM sms_outbox "
          + "WHERE filing_id = ? AND status = 'PENDING' AND lease_owner IS NOT NULL", Integer.class,
          handedOver.filingId()) > 0);
      // and a request whose callback C sent and the provider has not answered yet
      provider.hold();
      Submitted unanswered = submitAndAwaitOutbox(new NodeClient(c.baseUrl()));
      await("C's callback at the provider").atMost(PATIENCE).until(() -> !provider.heldIds().isEmpty());

      // when C is killed (its time of death on its own clock, taken just before: the bounds below are strict)
      Instant killedAt = Instant.now().plus(ahead);
      c.kill();
      LeftBehind left = leftBehind(expiring, List.of(handedOver.filingId(), unanswered.filingId()), survivors);
      // and the clock of the rest of the cluster reaches C's time; what blocked C is let go
      ClockUtil.offset(ahead.toMillis());
      blocker.rollback();
      provider.answerAll();

      // then C left behind the window timers, the SMS it was handing over and the callback it had sent
      assertThat(left.jobs()).hasSize(3);
      assertThat(left.sms()).isNotEmpty();
      assertThat(left.callbacks()).isNotEmpty();
      // and everything it held is free for the others within 30 s of its death, when they next look for it
      Duration jobLook = Duration.ofMillis(engineConfiguration(a).getJobExecutor().getMaxWait());
      Duration smsLook = a.bean(SmsOutboxProperties.class).pollInterval();
      Duration callbackLook = a.bean(CallbackProperties.class).pollInterval();
      assertThat(left.jobs().values()).allSatisfy(expiry ->
          assertThat(expiry.plus(jobLook)).isBeforeOrEqualTo(killedAt.plus(TAKEOVER)));
      assertThat(left.sms().values()).allSatisfy(expiry ->
          assertThat(expiry.plus(smsLook)).isBeforeOrEqualTo(killedAt.plus(TAKEOVER)));
      assertThat(left.callbacks().values()).allSatisfy(expiry ->
          assertThat(expiry.plus(callbackLook)).isBeforeOrEqualTo(killedAt.plus(TAKEOVER)));

      // and A and B take all of it over
      List<String> all = new ArrayList<>(expiring);
      all.add(handedOver.filingId());
      all.add(unanswered.filingId());
      await("the takeover").atMost(PATIENCE).until(() -> statuses(expiring).equals(Set.of("RETURNED"))
          && timers(expiring, SmsVerificationProcess.Elements.WINDOW_CLOSED).isEmpty()
          && pendingOutboxRows(all) == 0);
      LOG.info("Takeover after the kill: {}", takeoverTimes(left, killedAt));

      // with each window closed once: one EXPIRED per verifier, one RETURNED and one callback of it per request
      assertThat(countPerVerifier(expiring, "SELECT verifier_id, COUNT(*) FROM filing_event "
          + "WHERE event = 'EXPIRED' AND filing_id IN (%s) GROUP BY verifier_id"))
          .hasSize(6).allSatisfy((verifier, n) -> assertThat(n).isEqualTo(1));
      assertThat(countPerFiling(expiring, "SELECT filing_id, COUNT(*) FROM filing_event "
          + "WHERE event = 'RETURNED' AND filing_id IN (%s) GROUP BY filing_id"))
          .hasSize(3).allSatisfy((filing, n) -> assertThat(n).isEqualTo(1));
      for (String filingId : expiring) {
        assertThat(provider.acknowledged()).filteredOn(d -> d.filingId().equals(filingId)
            && d.status().equals("RETURNED")).hasSize(1);
      }
      // executed by the survivors
      assertThat(jdbc().queryForList("SELECT DISTINCT HOSTNAME_ FROM ACT_HI_JOB_LOG WHERE JOB_ID_ IN ("
          + in(left.jobs().keySet()) + ") AND JOB_STATE_ = 2", String.class, left.jobs().keySet().toArray()))
          .isNotEmpty()
          .allSatisfy(host -> assertThat(host).isIn(engineConfiguration(a).getHostname(),
              engineConfiguration(b).getHostname()));
      // with every SMS at the SMSC exactly once: the old requests' first codes (no resend after the window), and
      // the first codes of C's requests, the one C was handing over included
      for (Submitted request : requests) {
        assertThat(request.phones()).allSatisfy(p -> assertThat(smsc.textsTo(p)).hasSize(1));
      }
      assertThat(List.of(handedOver, unanswered))
          .allSatisfy(r -> assertThat(r.phones()).allSatisfy(p -> assertThat(smsc.textsTo(p)).hasSize(1)));
      // and the callback C had sent delivered again, under its id, and acknowledged once
      for (String id : provider.heldIds()) {
        assertThat(provider.acknowledged()).filteredOn(d -> d.callbackId().equals(id)).hasSize(1);
      }
      assertThat(provider.acknowledged()).filteredOn(d -> all.contains(d.filingId()))
          .extracting(CallbackReceiver.Delivery::callbackId).doesNotHaveDuplicates();
      assertNoIncidentsOrFailedJobs();
    } finally {
      if (c != null) {
        c.close();
      }
      provider.answerAll();
      blocker.close();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** a request as submitted: its id and its people's phones */
  private record Submitted(String filingId, List<String> phones) {}

  /** what a dead node held: the expiry of each job lock and lease, by job or row id */
  private record LeftBehind(Map<String, Instant> jobs, Map<String, Instant> sms, Map<String, Instant> callbacks) {}

  private LeftBehind leftBehind(List<String> expiring, List<String> itsRequests, Set<String> survivors) {
    Map<String, Instant> jobs = new LinkedHashMap<>();
    for (Job job : timers(expiring, SmsVerificationProcess.Elements.WINDOW_CLOSED)) {
      JobEntity entity = (JobEntity) job;
      if (entity.getLockOwner() != null && !survivors.contains(entity.getLockOwner())) {
        jobs.put(job.getId(), entity.getLockExpirationTime().toInstant());
      }
    }
    Map<String, Instant> sms = new LinkedHashMap<>();
    jdbc().query("SELECT id, lease_until FROM sms_outbox WHERE status = 'PENDING' AND lease_owner IS NOT NULL "
        + "AND filing_id IN (" + in(itsRequests) + ")", rs -> {
          sms.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }, itsRequests.toArray());
    Map<String, Instant> callbacks = new LinkedHashMap<>();
    jdbc().query("SELECT id, lease_until FROM callback_outbox WHERE delivered_at IS NULL AND lease_owner IS NOT NULL "
        + "AND filing_id IN (" + in(itsRequests) + ")", rs -> {
          callbacks.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }, itsRequests.toArray());
    return new LeftBehind(jobs, sms, callbacks);
  }

  /** when the survivors finished what the dead node had left, measured from its death (logged, never asserted) */
  private Map<String, Duration> takeoverTimes(LeftBehind left, Instant killedAt) {
    Map<String, Duration> times = new LinkedHashMap<>();
    times.put("window timers", latest("SELECT MAX(TIMESTAMP_) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND JOB_ID_ IN (%s)",
        left.jobs().keySet(), killedAt));
    times.put("SMS", latest("SELECT MAX(sent_at) FROM sms_outbox WHERE id IN (%s)", left.sms().keySet(), killedAt));
    times.put("callbacks", latest("SELECT MAX(delivered_at) FROM callback_outbox WHERE id IN (%s)",
        left.callbacks().keySet().stream().map(Long::parseLong).toList(), killedAt));
    return times;
  }

  private Duration latest(String sql, java.util.Collection<?> ids, Instant since) {
    if (ids.isEmpty()) {
      return Duration.ZERO;
    }
    Timestamp at = jdbc().queryForObject(String.format(sql, in(ids)), Timestamp.class, ids.toArray());
    return at == null ? null : Duration.between(since, at.toInstant());
  }

  private static ProcessEngineConfigurationImpl engineConfiguration(ApplicationNode node) {
    return (ProcessEngineConfigurationImpl) node.bean(ProcessEngine.class).getProcessEngineConfiguration();
  }

  private static String lockOwner(ApplicationNode node) {
    return engineConfiguration(node).getJobExecutor().getLockOwner();
  }

  /** submits a request through a node, waits for its codes at the SMSC and returns them with the request */
  private Submitted submitAndAwaitCodes(ApplicationNode node, FilingSubmission submission) throws IOException {
    Submitted submitted = submit(client(node), submission);
    await("the first codes of " + submitted.filingId()).atMost(PATIENCE)
        .until(() -> submitted.phones().stream().allMatch(p -> !smsc.textsTo(p).isEmpty()));
    return submitted;
  }

  /** submits a request through a node (a child one) and waits until its outbox rows are written */
  private Submitted submitAndAwaitOutbox(NodeClient node) throws IOException {
    Submitted submitted = submit(node, TestData.newFiling("CN-GS", TestData.person("张三"), TestData.person("李四")));
    assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM sms_outbox WHERE filing_id = ?", Integer.class,
        submitted.filingId())).isEqualTo(2);
    return submitted;
  }

  private static Submitted submit(NodeClient node, FilingSubmission submission) throws IOException {
    Response created = node.submit(submission);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return new Submitted(created.body().get("filingId").asText(), List.of(submission.entity().principal().phone(),
        submission.websites().get(0).principal().phone()));
  }

  /** the codes of the SMS a phone received, oldest first */
  private static List<String> codesTo(String phone) {
    return smsc.textsTo(phone).stream().map(text -> {
      Matcher m = CODE.matcher(text);
      assertThat(m.find()).as("a code in %s", text).isTrue();
      return m.group(1);
    }).toList();
  }

  /** a puzzle fetched from one node and solved on another; @return its captchaToken */
  private static String solvePuzzle(ApplicationNode fetchFrom, ApplicationNode solveOn, String clientAddress)
      throws IOException {
    Map<String, String> from = Map.of("X-Forwarded-For", clientAddress);
    JsonNode puzzle = client(fetchFrom).get("/api/v1/captcha", from).body();
    String id = puzzle.get("id").asText();
    double answer = new CaptchaTestHook(fetchFrom.jdbc()).expectedFraction(id);
    JsonNode solved = client(solveOn).post("/api/v1/captcha/checks", from, CaptchaTestHook.track(id, answer)).body();
    assertThat(solved.get("passed").asBoolean()).as(solved.toString()).isTrue();
    return solved.get("captchaToken").asText();
  }

  private static NodeClient client(ApplicationNode node) {
    return new NodeClient(node.port());
  }

  /** runs the calls at the same moment, one thread each, and returns their answers in order */
  private static <T> List<T> all(List<Callable<T>> calls) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(calls.size());
    try {
      List<T> answers = new ArrayList<>();
      for (Future<T> answer : threads.invokeAll(calls)) {
        answers.add(answer.get());
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }

  /** the engine clock of every node in this JVM; it runs on from there */
  private static void setClusterClock(Instant now) {
    ClockUtil.offset(Duration.between(Instant.now(), now).toMillis());
  }

  private static ZonedDateTime nextBeijing(LocalTime time) {
    ZonedDateTime now = ZonedDateTime.now(BEIJING);
    ZonedDateTime next = now.with(time);
    return next.isAfter(now) ? next : next.plusDays(1);
  }

  /** the timer jobs of one boundary event in the verification processes of the requests */
  private List<Job> timers(List<String> filingIds, String activityId) {
    ProcessEngine engine = a.bean(ProcessEngine.class);
    List<Job> jobs = new ArrayList<>();
    for (String filingId : filingIds) {
      engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId)
          .processDefinitionKey(SmsVerificationProcess.KEY).list()
          .forEach(pi -> jobs.addAll(engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
              .activityId(activityId).list()));
    }
    return jobs;
  }

  private void awaitOutboxesDrained(List<String> filingIds) {
    await("the outboxes of " + filingIds).atMost(PATIENCE).until(() -> pendingOutboxRows(filingIds) == 0);
  }

  private int pendingOutboxRows(List<String> filingIds) {
    Object[] ids = filingIds.toArray();
    return jdbc().queryForObject("SELECT COUNT(*) FROM sms_outbox WHERE status = 'PENDING' AND filing_id IN ("
        + in(filingIds) + ")", Integer.class, ids)
        + jdbc().queryForObject("SELECT COUNT(*) FROM callback_outbox WHERE delivered_at IS NULL AND filing_id IN ("
        + in(filingIds) + ")", Integer.class, ids);
  }

  private Set<String> statuses(List<String> filingIds) {
    return Set.copyOf(jdbc().queryForList("SELECT status FROM filing WHERE id IN (" + in(filingIds) + ")",
        String.class, filingIds.toArray()));
  }

  private Map<String, Integer> countPerVerifier(List<String> filingIds, String sql) {
    return countPer(filingIds, sql);
  }

  private Map<String, Integer> countPerFiling(List<String> filingIds, String sql) {
    return countPer(filingIds, sql);
  }

  private Map<String, Integer> countPer(List<String> filingIds, String sql) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    jdbc().query(String.format(sql, in(filingIds)), rs -> {
      counts.put(rs.getString(1), rs.getInt(2));
    }, filingIds.toArray());
    return counts;
  }

  /** no incident anywhere in the cluster's database, and no job that failed and is waiting to be retried */
  private void assertNoIncidentsOrFailedJobs() {
    assertThat(jdbc().queryForList("SELECT INCIDENT_MSG_ FROM ACT_RU_INCIDENT", String.class)).isEmpty();
    assertThat(jdbc().queryForList("SELECT EXCEPTION_MSG_ FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL",
        String.class)).isEmpty();
  }

  private static JdbcTemplate jdbc() {
    return a.jdbc();
  }

  private static String in(java.util.Collection<?> values) {
    return String.join(",", Collections.nCopies(values.size(), "?"));
  }

  /** ids as SQL literals, for the blocking statements on a raw connection (they are UUIDs the product made) */
  private static String quoted(List<String> ids) {
    ids.forEach(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
  }
}
