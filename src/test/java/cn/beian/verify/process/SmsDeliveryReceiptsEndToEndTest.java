package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.SmsDeliveryPort;
import cn.beian.verify.filing.SmsDeliveryPort.LastSms;
import cn.beian.verify.review.ReviewService;
import cn.beian.verify.review.ReviewView;
import cn.beian.verify.sms.SmsReceiptTimeouts;
import cn.beian.verify.sms.SmsOutbox;
import cn.beian.verify.sms.smpp.CloudhopperSmsc;
import cn.beian.verify.sms.smpp.SmppProperties;
import cn.beian.verify.sms.smpp.SmppSmsGateway;
import cn.beian.verify.verification.ResendResult;
import cn.beian.verify.verification.Verifier;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.util.DeliveryReceipt;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.runtime.Incident;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery receipts from an SMSC not written here (Cloudhopper's ch-smpp server) through the whole application: matched
 * to their message through the database by the carrier ids of all its parts, recorded as the request view's {@code sms}
 * per verifier, the trail, the review form, an incident and the metrics; NO_RECEIPT when none comes in time; and what
 * follows an undeliverable code (docs/rules.md §7). A context of its own (the transport is chosen at startup), with an
 * engine name of its own, closed after the class.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SmsDeliveryReceiptsEndToEndTest extends ProcessScenarioSupport {
  private static final CloudhopperSmsc SMSC = start();

  @Autowired SmsDeliveryPort deliveries;
  @Autowired SmsReceiptTimeouts timeouts;
  @Autowired ReviewService reviews;
  @Autowired MeterRegistry meters;
  @Autowired Clock clock;
  @Autowired SmppProperties smpp;
  @Autowired SmsOutbox outbox;

  private static CloudhopperSmsc start() {
    try {
      return new CloudhopperSmsc();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void smsc(DynamicPropertyRegistry registry) {
    registry.add("camunda.bpm.process-engine-name", () -> "smsReceiptsEndToEnd");
    registry.add("beian.sms.transport", () -> "smpp");
    registry.add("beian.sms.smpp.host", () -> "127.0.0.1");
    registry.add("beian.sms.smpp.port", SMSC::port);
    registry.add("beian.sms.smpp.system-id", () -> CloudhopperSmsc.SYSTEM_ID);
    registry.add("beian.sms.smpp.password", () -> CloudhopperSmsc.PASSWORD);
    registry.add("beian.sms.smpp.response-timeout", () -> "PT2S");
    registry.add("beian.sms.smpp.reconnect-delay", () -> "PT0.2S");
    registry.add("beian.sms.smpp.max-submits-per-second", () -> "500");
    registry.add("beian.sms.receipts.timeout", () -> "PT30M");
  }

  @AfterAll
  static void stopSmsc() {
    SMSC.close();
  }

  /** the SMSC's ids of the parts of the newest message to a phone, and its sender */
  private static List<CloudhopperSmsc.Submit> lastMessageTo(String phone) {
    List<CloudhopperSmsc.Submit> all = SMSC.submitsTo(phone);
    CloudhopperSmsc.Submit last = all.get(all.size() - 1);
    int parts = (last.esmClass() & SmppConstants.ESM_CLASS_UDHI_MASK) != 0 ? last.shortMessage()[4] & 0xFF : 1;
    return all.subList(all.size() - parts, all.size());
  }

  private LastSms sms(String filingId, Person person) {
    return deliveries.lastSmsOf(filingId).get(verifierOf(filingId, person.phone()).id());
  }

  private List<FilingEvent> trail(String filingId, String event) {
    return filings.events(filingId).stream().filter(e -> e.event().equals(event)).toList();
  }

  private static void receipts(List<CloudhopperSmsc.Submit> parts, byte state, int error) throws Exception {
    for (CloudhopperSmsc.Submit part : parts) {
      assertThat(SMSC.sendReceipt(part.messageId(), state, error)).isZero();
    }
  }

  private double deliveries(String outcome) {
    return meters.get("beian.sms.delivery").tag("outcome", outcome).counter().count();
  }

  @Test
  void shouldShowDeliveredOnlyOnceEveryPartIsDeliveredAndIgnoreReplays() throws Exception {
    // given a filing whose codes reached the SMSC, each a long message in several parts
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    List<CloudhopperSmsc.Submit> parts = lastMessageTo(zhang.phone());
    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(sms(filingId, zhang).state()).isEqualTo("SUBMITTED");
    double delivered = deliveries("DELIVERED");

    // when the first part's receipt says delivered
    receipts(parts.subList(0, 1), SmppConstants.STATE_DELIVERED, 0);
    // then the message is not delivered yet: its other part may still fail
    assertThat(sms(filingId, zhang).state()).isEqualTo("SUBMITTED");

    // when the other parts' receipts come, and then every receipt once more (a replay)
    receipts(parts.subList(1, parts.size()), SmppConstants.STATE_DELIVERED, 0);
    receipts(parts, SmppConstants.STATE_DELIVERED, 0);
    // then the message is delivered, the trail says so once, the count went up once
    assertThat(sms(filingId, zhang).state()).isEqualTo("DELIVERED");
    assertThat(trail(filingId, "SMS_DELIVERED")).singleElement()
        .satisfies(e -> assertThat(e.verifierId()).isEqualTo(verifierOf(filingId, zhang.phone()).id()));
    assertThat(deliveries("DELIVERED")).isEqualTo(delivered + 1);
    // and the other person's message is untouched
    assertThat(sms(filingId, li).state()).isEqualTo("SUBMITTED");
    // and the reviewer's form shows the delivery per person, in Chinese
    assertThat(reviews.view(filingId, false).verifications()).extracting(ReviewView.Verification::sms)
        .anySatisfy(line -> assertThat(line).startsWith("已送达 "))
        .anySatisfy(line -> assertThat(line).startsWith("运营商已接收 "));
  }

  @Test
  void shouldRerouteAnUndeliverableCodeOnceThroughTheUnifiedSenderAndTellTheDeskUntilItIsDelivered()
      throws Exception {
    // given a filing whose website principal's code reached the SMSC from China Mobile's sender
    Person zhang = TestData.person("张三");
    Person li = new Person("李四", "138" + TestData.phone().substring(3), "RESIDENT_ID", TestData.residentId());
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    List<CloudhopperSmsc.Submit> first = lastMessageTo(li.phone());
    assertThat(first.get(0).from()).isEqualTo("106575000130");
    double undeliverable = deliveries("UNDELIVERABLE");

    // when the carrier reports one part delivered and the other undeliverable with its error 1
    receipts(first.subList(0, 1), SmppConstants.STATE_DELIVERED, 0);
    receipts(first.subList(1, first.size()), SmppConstants.STATE_UNDELIVERABLE, 1);

    // then the trail says undeliverable with the carrier's state and error, and that the code went out again
    assertThat(trail(filingId, "SMS_UNDELIVERABLE")).singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("UNDELIV/001"));
    assertThat(trail(filingId, "SMS_REROUTED")).singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("12381"));
    assertThat(deliveries("UNDELIVERABLE")).isEqualTo(undeliverable + 1);
    // and the same text (the same code, no second one) reached the SMSC again, from 12381
    List<CloudhopperSmsc.Submit> rerouted = lastMessageTo(li.phone());
    assertThat(rerouted.get(0).from()).isEqualTo("12381");
    assertThat(CloudhopperSmsc.reassemble(rerouted)).isEqualTo(CloudhopperSmsc.reassemble(first));
    assertThat(SMSC.submitsTo(li.phone())).hasSize(first.size() * 2);
    // and the view shows the newest message: submitted
    assertThat(sms(filingId, li).state()).isEqualTo("SUBMITTED");
    // and the desk sees an incident on the person's task, naming the carrier's error and no personal data
    Verifier verifier = verifierOf(filingId, li.phone());
    Incident incident = engine.getRuntimeService().createIncidentQuery().executionId(verifier.executionId())
        .incidentType(CamundaSmsDeliveryIncidents.UNDELIVERABLE_TYPE).singleResult();
    assertThat(incident.getIncidentMessage()).contains("UNDELIV", "001", "12381").doesNotContain(li.phone());
    // and the reviewer's trail says it in Chinese, with the carrier's error
    assertThat(reviews.view(filingId, false).history()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("短信无法送达");
      assertThat(e.detail()).isEqualTo("（运营商回执 UNDELIV，错误码 001）");
    });

    // when the rerouted message is delivered
    receipts(rerouted, SmppConstants.STATE_DELIVERED, 0);
    // then the view says delivered and the incident is resolved
    assertThat(sms(filingId, li).state()).isEqualTo("DELIVERED");
    assertThat(engine.getRuntimeService().createIncidentQuery().executionId(verifier.executionId()).count()).isZero();
    assertThat(incidentsOf(filingId)).filteredOn(i -> i.getIncidentType().equals(
        CamundaSmsDeliveryIncidents.UNDELIVERABLE_TYPE)).singleElement().satisfies(i -> assertThat(i.isResolved()).isTrue());

    // when the person asks for a resend
    assertThat(verificationService.requestResend(li.phone(), TestData.last6(li)).result()).isEqualTo(ResendResult.RESENT);
    runJobs(filingId);
    // then the new code goes out through the unified sender too
    assertThat(lastMessageTo(li.phone()).get(0).from()).isEqualTo("12381");
    assertThat(SMSC.submitsTo(li.phone())).hasSize(first.size() * 3);
  }

  @Test
  void shouldNotRerouteACodeThatANewerResendAlreadyReplaced() throws Exception {
    // given a person who asked for a resend before the first code's receipt came
    Person wang = TestData.person("王五");
    Person zhao = TestData.person("赵六");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", wang, zhao));
    List<CloudhopperSmsc.Submit> first = lastMessageTo(wang.phone());
    assertThat(verificationService.requestResend(wang.phone(), TestData.last6(wang)).result())
        .isEqualTo(ResendResult.RESENT);
    runJobs(filingId);
    int sent = SMSC.submitsTo(wang.phone()).size();
    // when the first (dead) code's message is reported undeliverable
    receipts(first, SmppConstants.STATE_UNDELIVERABLE, 11);
    // then the trail says so, but the dead code does not go out again
    assertThat(trail(filingId, "SMS_UNDELIVERABLE")).singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("UNDELIV/011"));
    assertThat(trail(filingId, "SMS_REROUTED")).isEmpty();
    assertThat(SMSC.submitsTo(wang.phone())).hasSize(sent);
    // and the desk's incident on the person's task ends with the verification (here: the provider withdraws)
    Verifier verifier = verifierOf(filingId, wang.phone());
    assertThat(engine.getRuntimeService().createIncidentQuery().executionId(verifier.executionId())
        .incidentType(CamundaSmsDeliveryIncidents.UNDELIVERABLE_TYPE).count()).isEqualTo(1);
    filingService.withdraw(filingId);
    runJobs(filingId);
    assertThat(engine.getRuntimeService().createIncidentQuery()
        .incidentType(CamundaSmsDeliveryIncidents.UNDELIVERABLE_TYPE).executionId(verifier.executionId()).count()).isZero();
    assertThat(incidentsOf(filingId)).filteredOn(i -> i.getIncidentType().equals(
        CamundaSmsDeliveryIncidents.UNDELIVERABLE_TYPE)).singleElement().satisfies(i -> assertThat(i.isOpen()).isFalse());
  }

  @Test
  void shouldSettleAMessageOnceWhenItsPartsReceiptsReachTwoNodesAtOnce() throws Exception {
    // given a second node bound to the same SMSC, beside this one, sharing the database
    SmppSmsGateway otherNode = new SmppSmsGateway(smpp, outbox);
    otherNode.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.boundSessions() >= 2);
      Person zhang = TestData.person("张三");
      String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, TestData.person("李四")));
      List<CloudhopperSmsc.Submit> parts = lastMessageTo(zhang.phone());
      // when the receipts of its parts arrive at the same moment, one on each node's session
      ExecutorService both = Executors.newFixedThreadPool(parts.size());
      try {
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          int session = i % 2;
          String id = parts.get(i).messageId();
          answers.add(both.submit(() -> SMSC.sendReceiptVia(session, id, SmppConstants.STATE_DELIVERED, 0)));
        }
        for (Future<Integer> answer : answers) {
          assertThat(answer.get(30, TimeUnit.SECONDS)).isZero();
        }
      } finally {
        both.shutdownNow();
      }
      // then the message is delivered, said once in the trail, whichever node tallied last
      assertThat(sms(filingId, zhang).state()).isEqualTo("DELIVERED");
      assertThat(trail(filingId, "SMS_DELIVERED")).hasSize(1);
    } finally {
      otherNode.stop();
    }
  }

  @Test
  void shouldMarkNoReceiptOnceAcrossNodesAndLetALateReceiptSettleIt() throws Exception {
    // given a filing whose codes the carrier accepted, and no receipt since
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    double noReceipt = deliveries("NO_RECEIPT");
    // when the timeout has passed and two nodes look at once
    setClock(clock.instant().plus(Duration.ofMinutes(31)));
    int marked = timeouts.markOverdue() + timeouts.markOverdue();
    // then each message was marked NO_RECEIPT once: the view, the trail and the count agree
    assertThat(marked).isGreaterThanOrEqualTo(2);
    assertThat(sms(filingId, zhang).state()).isEqualTo("NO_RECEIPT");
    assertThat(sms(filingId, li).state()).isEqualTo("NO_RECEIPT");
    assertThat(trail(filingId, "SMS_NO_RECEIPT")).hasSize(2);
    assertThat(deliveries("NO_RECEIPT")).isGreaterThanOrEqualTo(noReceipt + 2);
    // when the receipts come late after all
    receipts(lastMessageTo(zhang.phone()), SmppConstants.STATE_DELIVERED, 0);
    // then they settle it
    assertThat(sms(filingId, zhang).state()).isEqualTo("DELIVERED");
    assertThat(trail(filingId, "SMS_DELIVERED")).hasSize(1);
  }

  @Test
  void shouldDropAReceiptWithAnotherMessagesIdOrNoIdWithoutEffect() throws Exception {
    // given two people's messages on the SMSC
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    String lisPart = lastMessageTo(li.phone()).get(0).messageId();
    List<String> before = events(filingId);
    // when a receipt arrives naming li's message id but about zhang's phone
    String text = new DeliveryReceipt(lisPart, 1, 0, DateTime.now(), DateTime.now(), SmppConstants.STATE_UNDELIVERABLE,
        1, "").toShortMessage();
    int mismatch = SMSC.deliver(zhang.phone(), text.getBytes(StandardCharsets.US_ASCII),
        List.of(new Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID, (lisPart + "\0").getBytes(StandardCharsets.US_ASCII))));
    // and one without any id, and one of garbage
    int noId = SMSC.deliver(li.phone(), "stat:UNDELIV err:001".getBytes(StandardCharsets.US_ASCII), List.of());
    int garbage = SMSC.deliver(li.phone(), new byte[] {0x00, (byte) 0xFE, 0x41}, List.of());
    // then each was acknowledged and changed nothing: both messages still just submitted, the trail as it was
    assertThat(List.of(mismatch, noId, garbage)).containsOnly(0);
    assertThat(sms(filingId, li).state()).isEqualTo("SUBMITTED");
    assertThat(sms(filingId, zhang).state()).isEqualTo("SUBMITTED");
    assertThat(events(filingId)).isEqualTo(before);
    assertThat(incidentsOf(filingId)).extracting(HistoricIncident::getIncidentType).isEmpty();
  }

  @Test
  void shouldShowNothingForAPersonWithoutAnSmsYet() {
    // given a request id nobody sent anything for
    Map<String, LastSms> none = deliveries.lastSmsOf("no-such-filing");
    // then there is no state to show (the view's sms is null)
    assertThat(none).isEmpty();
  }
}
