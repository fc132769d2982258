package cn.beian.verify.process;

import cn.beian.verify.kernel.Timestamps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beian.verify.TestData;
import cn.beian.verify.outbox.OutboxWorker;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.sms.OutgoingSms;
import cn.beian.verify.sms.SmsDeliveryException;
import cn.beian.verify.sms.SmsDeliveryIncidents;
import cn.beian.verify.sms.SmsDispatcher;
import cn.beian.verify.sms.SmsGateway;
import cn.beian.verify.sms.SmsOutbox;
import cn.beian.verify.sms.SmsOutboxProperties;
import cn.beian.verify.sms.SmsOutboxRepository;
import cn.beian.verify.verification.Verifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.history.HistoricIncident;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox between a code's transaction and the transport: nothing for a rollback, nothing lost, nothing silent. */
class SmsOutboxScenarioTest extends ProcessScenarioSupport {
  @Autowired SmsOutbox outbox;
  @Autowired SmsOutboxRepository outboxRows;
  @Autowired SmsGateway builtinGateway;
  @Autowired SmsDeliveryIncidents incidents;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Clock clock;

  private static final SmsOutboxProperties TWO_ATTEMPTS = new SmsOutboxProperties(SmsOutboxProperties.Dispatch.INLINE,
      Duration.ZERO, 20, 4, Duration.ofMinutes(2), 2, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1));

  /** a production-like lease: 20 s, renewed every third of it while the node works on its claims */
  private static final SmsOutboxProperties SHORT_LEASE = new SmsOutboxProperties(SmsOutboxProperties.Dispatch.INLINE,
      Duration.ZERO, 20, 4, Duration.ofSeconds(20), 8, Duration.ofSeconds(10), Duration.ofMinutes(10),
      Duration.ofHours(1));

  /** a time at which only the messages a scenario writes itself are due */
  private static final Instant LONG_AGO = Instant.parse("2001-03-01T02:00:00Z");

  private SmsDispatcher dispatcher(SmsGateway gateway, SmsOutboxProperties properties) {
    return new SmsDispatcher(outboxRows, jdbc, gateway, incidents, verifiers, filings, cipher, properties, clock,
        transactions, event -> {});
  }

  private SmsDispatcher freshDispatcher(SmsGateway gateway) {
    return new SmsDispatcher(outboxRows, jdbc, gateway, incidents, verifiers, filings, cipher, TWO_ATTEMPTS, clock,
        transactions, event -> {});
  }

  private TransactionTemplate tx() {
    return new TransactionTemplate(transactions);
  }

  /** a message written as a committed code's transaction writes it, but without the nudge: the node died */
  private OutgoingSms committedButNeverDispatched(String verifierId, String filingId) {
    String phone = TestData.phone();
    OutgoingSms sms = new OutgoingSms(UUID.randomUUID().toString(), verifierId, phone, "106575000130",
        "【ICP备案】您的备案短信核验验证码为135790。");
    tx().executeWithoutResult(s -> outboxRows.insert(sms.id(), verifierId, filingId, hashes.phone(phone),
        PhoneNumbers.mask(phone), cipher.encrypt(phone), sms.from(), cipher.encrypt(sms.text()), clock.instant()));
    return sms;
  }

  private int inboxCount(String id) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM sms_message WHERE id = ?", Integer.class, id);
  }

  private String status(String id) {
    return jdbc.queryForObject("SELECT status FROM sms_outbox WHERE id = ?", String.class, id);
  }

  @Test
  void shouldSendNothingWhenTheIssuingTransactionRollsBack() {
    // given a message written in a transaction that then rolls back
    String phone = TestData.phone();
    OutgoingSms sms = new OutgoingSms(UUID.randomUUID().toString(), null, phone, "12381", "验证码为112233");
    tx().executeWithoutResult(s -> {
      outbox.enqueue(sms, null);
      s.setRollbackOnly();
    });
    // then nothing was kept and nothing sent
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_outbox WHERE id = ?", Integer.class, sms.id())).isZero();
    assertThat(smsTo(phone)).isEmpty();
  }

  @Test
  void shouldDeliverRightAfterTheCommitOfTheIssuingTransaction() {
    // given a message written in a transaction that commits
    String phone = TestData.phone();
    OutgoingSms sms = new OutgoingSms(UUID.randomUUID().toString(), null, phone, "12381", "验证码为445566");
    tx().executeWithoutResult(s -> outbox.enqueue(sms, null));
    // then it is in the inbox once, and marked sent
    assertThat(smsTo(phone)).containsExactly("验证码为445566");
    assertThat(status(sms.id())).isEqualTo("SENT");
  }

  @Test
  void shouldSendACommittedMessageWhenTheNodeDiedBeforeDispatchingIt() {
    // given a committed message that no dispatcher heard of
    OutgoingSms sms = committedButNeverDispatched(null, null);
    assertThat(inboxCount(sms.id())).isZero();
    // when a fresh dispatcher (another node, or this one restarted) polls, twice
    freshDispatcher(builtinGateway).dispatchDue();
    freshDispatcher(builtinGateway).dispatchDue();
    // then it was sent exactly once
    assertThat(inboxCount(sms.id())).isEqualTo(1);
    assertThat(status(sms.id())).isEqualTo("SENT");
  }

  @Test
  void shouldTakeOverAMessageWhoseDispatcherDiedMidSendWithoutSendingItTwice() {
    // given a message claimed by a node that handed it to the gateway and died before recording it as sent
    OutgoingSms sms = committedButNeverDispatched(null, null);
    Instant now = clock.instant();
    tx().executeWithoutResult(s -> jdbc.update("UPDATE sms_outbox SET lease_owner = 'dead-node', lease_until = ? "
        + "WHERE id = ?", Timestamps.ts(now.plus(Duration.ofMinutes(2))), sms.id()));
    builtinGateway.send(sms);
    SmsDispatcher survivor = freshDispatcher(builtinGateway);
    // when another dispatcher looks while the lease holds, and again after it ran out
    boolean takenEarly = survivor.dispatch(sms.id());
    setClock(now.plus(Duration.ofMinutes(3)));
    boolean takenLater = survivor.dispatch(sms.id());
    // then it waited for the lease, then finished the message, and the person got it once
    assertThat(takenEarly).isFalse();
    assertThat(takenLater).isTrue();
    assertThat(status(sms.id())).isEqualTo("SENT");
    assertThat(inboxCount(sms.id())).isEqualTo(1);
  }

  @Test
  void shouldRaiseAnIncidentOnTheVerifierWhenAMessageCannotBeDeliveredWithinItsBudget() {
    // given a verifier waiting for his code, and a message to him that the carrier keeps refusing
    Person zhang = TestData.person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, TestData.person("李四")));
    Verifier verifier = verifierOf(filingId, zhang.phone());
    OutgoingSms sms = committedButNeverDispatched(verifier.id(), filingId);
    SmsDispatcher dispatcher = freshDispatcher(message -> {
      throw new SmsDeliveryException("SMSC refused the message: command_status 0x00000008", false);
    });

    // when the first attempt fails
    dispatcher.dispatch(sms.id());
    // then it is retried later, nothing raised yet
    assertThat(status(sms.id())).isEqualTo("PENDING");
    assertThat(engine.getRuntimeService().createIncidentQuery().executionId(verifier.executionId()).count()).isZero();

    // when the second (last) attempt fails after the backoff
    setClock(clock.instant().plus(Duration.ofSeconds(11)));
    dispatcher.dispatch(sms.id());

    // then the message is given up, the request's trail says so and Cockpit shows an incident on the verifier's task
    assertThat(status(sms.id())).isEqualTo("FAILED");
    assertThat(events(filingId)).contains("SMS_FAILED");
    Incident incident = engine.getRuntimeService().createIncidentQuery().executionId(verifier.executionId())
        .singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(CamundaSmsDeliveryIncidents.INCIDENT_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(SmsVerificationProcess.Elements.VERIFY_SMS_CODE);
    assertThat(incident.getConfiguration()).isEqualTo(sms.id());
    assertThat(incident.getIncidentMessage()).contains("2次尝试", "0x00000008").doesNotContain(zhang.phone(), "135790");
    assertThat(engine.getHistoryService().createHistoricIncidentQuery().executionId(verifier.executionId()).count())
        .isEqualTo(1);
    assertThat(incidentsOf(filingId)).extracting(HistoricIncident::getIncidentType)
        .containsExactly(CamundaSmsDeliveryIncidents.INCIDENT_TYPE);
    // and the verification itself still waits: a lost SMS does not fail the request
    assertThat(verifierTasks(filingId)).hasSize(2);

    // when an operator resolves the incident (e.g. after a manual resend), other scenarios see none
    engine.getRuntimeService().resolveIncident(incident.getId());
    assertThat(engine.getRuntimeService().createIncidentQuery().executionId(verifier.executionId()).count()).isZero();
  }

  @Test
  void shouldNotOvertakeASlowSenderThatIsAliveAndRenewsItsLease() throws Exception {
    // given a node whose transport is slow: it claimed a message and is still handing it over (at a time no other
    // scenario's messages are due)
    setClock(LONG_AGO);
    OutgoingSms sms = committedButNeverDispatched(null, null);
    Instant claimedAt = clock.instant();
    SlowGateway slow = new SlowGateway(builtinGateway);
    SmsDispatcher slowNode = dispatcher(slow, SHORT_LEASE);
    ExecutorService otherThread = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> handingOver = otherThread.submit(() -> slowNode.dispatch(sms.id()));
      slow.awaitEntered();

      // when its lease would have run out (20 s) but it renewed it in time, and another node looks
      setClock(claimedAt.plusSeconds(15));
      slowNode.outbox().renewLeases();
      setClock(claimedAt.plusSeconds(30));
      SmsDispatcher otherNode = dispatcher(builtinGateway, SHORT_LEASE);
      boolean takenByOther = otherNode.dispatch(sms.id());
      int dueForOther = otherNode.dispatchDue();

      // then the other node leaves the message alone; the slow node finishes it, and the person gets it once
      assertThat(takenByOther).isFalse();
      assertThat(dueForOther).isZero();
      slow.release();
      assertThat(handingOver.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(status(sms.id())).isEqualTo("SENT");
      assertThat(inboxCount(sms.id())).isEqualTo(1);
      assertThat(slow.calls(sms.id())).isEqualTo(1);
      setClock(claimedAt.plusSeconds(90));
      assertThat(otherNode.dispatch(sms.id())).isFalse();
    } finally {
      slow.release();
      otherThread.shutdownNow();
    }
  }

  @Test
  void shouldLeaveToTheNodeThatTookThemOverTheMessagesAStoppedNodeHadNotHandedOverYet() throws Exception {
    // given a node that claimed two messages at once and was stopped in the middle of handing over the first (a long
    // GC pause, a frozen VM): it renews nothing (at a time no other scenario's messages are due)
    setClock(LONG_AGO);
    OutgoingSms first = committedButNeverDispatched(null, null);
    setClock(LONG_AGO.plusMillis(10));
    OutgoingSms second = committedButNeverDispatched(null, null);
    Instant claimedAt = clock.instant();
    SlowGateway stopped = new SlowGateway(builtinGateway);
    SmsDispatcher stoppedNode = dispatcher(stopped, SHORT_LEASE);
    CountingGateway other = new CountingGateway(builtinGateway);
    ExecutorService otherThread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> handingOver = otherThread.submit(stoppedNode::dispatchDue);
      stopped.awaitEntered();
      assertThat(stopped.calls(first.id())).isEqualTo(1);

      // when its leases run out and another node takes the messages over
      setClock(claimedAt.plusSeconds(21));
      int takenOver = dispatcher(other, SHORT_LEASE).dispatchDue();
      // and the stopped node wakes up: its renewal finds them gone, then its hand-over returns
      stoppedNode.outbox().renewLeases();
      stopped.release();
      handingOver.get(30, TimeUnit.SECONDS);

      // then each went out once from the node that took it over; the stopped node sent nothing it had not started
      assertThat(takenOver).isEqualTo(2);
      assertThat(other.calls(first.id())).isEqualTo(1);
      assertThat(status(first.id())).isEqualTo("SENT");
      assertThat(status(second.id())).isEqualTo("SENT");
      assertThat(inboxCount(first.id())).isEqualTo(1);
      assertThat(inboxCount(second.id())).isEqualTo(1);
      assertThat(stopped.calls(second.id())).isZero();
    } finally {
      stopped.release();
      otherThread.shutdownNow();
    }
  }

  @Test
  void shouldHandMessagesOverInBatchesOnTheOutboxsOwnSenderThreads() {
    // given messages committed at a time no other scenario's are due, and a node whose outbox runs in the background
    // (batches of 3, 4 sender threads)
    setClock(LONG_AGO.plus(Duration.ofDays(1)));
    List<OutgoingSms> messages = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      messages.add(committedButNeverDispatched(null, null));
    }
    CountingGateway gateway = new CountingGateway(builtinGateway);
    SmsDispatcher node = dispatcher(gateway, new SmsOutboxProperties(SmsOutboxProperties.Dispatch.BACKGROUND,
        Duration.ZERO, 3, 4, Duration.ofSeconds(20), 8, Duration.ofSeconds(10), Duration.ofMinutes(10),
        Duration.ofHours(1)));
    OutboxWorker worker = new OutboxWorker("test-sms", node.outbox(), "sms_outbox", true);
    worker.start();
    try {
      // when it is woken, as after the commit that wrote them
      worker.wake();

      // then every message goes out once, handed over by the outbox's own sender threads, not the caller's
      await().atMost(Duration.ofSeconds(60))
          .until(() -> messages.stream().allMatch(m -> "SENT".equals(status(m.id()))));
      assertThat(messages).allSatisfy(m -> {
        assertThat(gateway.calls(m.id())).isEqualTo(1);
        assertThat(inboxCount(m.id())).isEqualTo(1);
      });
      assertThat(gateway.threads()).isNotEmpty().allMatch(name -> name.startsWith("test-sms-sender-"));
    } finally {
      worker.stop();
    }
  }

  /** a transport whose first hand-over waits until the test lets it go on */
  private static final class SlowGateway extends CountingGateway {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    SlowGateway(SmsGateway delegate) {
      super(delegate);
    }

    @Override
    public List<String> send(OutgoingSms sms) {
      counted(sms);
      entered.countDown();
      try {
        if (!released.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return delegate.send(sms);
    }

    void awaitEntered() throws InterruptedException {
      assertThat(entered.await(60, TimeUnit.SECONDS)).as("the slow hand-over started").isTrue();
    }

    void release() {
      released.countDown();
    }
  }

  /** a transport that counts what it was handed, by message */
  private static class CountingGateway implements SmsGateway {
    final SmsGateway delegate;
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    CountingGateway(SmsGateway delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<String> send(OutgoingSms sms) {
      counted(sms);
      return delegate.send(sms);
    }

    void counted(OutgoingSms sms) {
      calls.merge(sms.id(), 1, Integer::sum);
      threads.add(Thread.currentThread().getName());
    }

    Set<String> threads() {
      return threads;
    }

    int calls(String id) {
      return calls.getOrDefault(id, 0);
    }
  }
}
