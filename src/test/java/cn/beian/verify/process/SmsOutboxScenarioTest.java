package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
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
import java.util.UUID;
import org.camunda.bpm.engine.history.HistoricIncident;
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
      Duration.ZERO, 20, Duration.ofMinutes(2), 2, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1));

  private SmsDispatcher freshDispatcher(SmsGateway gateway) {
    return new SmsDispatcher(outboxRows, gateway, incidents, verifiers, filings, cipher, TWO_ATTEMPTS, clock,
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
    tx().executeWithoutResult(s -> outboxRows.claim(sms.id(), "dead-node", now, now.plus(Duration.ofMinutes(2))));
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
}
