package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.sms.OutgoingSms;
import cn.beian.verify.sms.SmsDispatcher;
import cn.beian.verify.sms.SmsOutbox;
import cn.beian.verify.sms.smpp.SmscSimulator;
import cn.beian.verify.verification.CheckResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application with {@code beian.sms.transport=smpp} pointed at an SMSC started inside the test: the one Spring
 * context of the suite configured differently, because the transport is chosen at startup. Its engine has a name
 * of its own so that it never takes the place of the "default" engine other contexts' REST API looks up.
 * The context is closed after the class: no SMPP session, engine or thread of it outlives these tests.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SmppEndToEndTest extends ProcessScenarioSupport {
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  private static final SmscSimulator SMSC = startSmsc();

  @Autowired SmsOutbox outbox;
  @Autowired SmsDispatcher dispatcher;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Clock clock;
  @Autowired MeterRegistry meters;

  private static SmscSimulator startSmsc() {
    try {
      return new SmscSimulator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void smsc(DynamicPropertyRegistry registry) {
    // an engine of its own name (no hyphen: Camunda ignores such names): the engine REST API of the shared HTTP test context keeps finding "default"
    registry.add("camunda.bpm.process-engine-name", () -> "smppEndToEnd");
    registry.add("beian.sms.transport", () -> "smpp");
    registry.add("beian.sms.smpp.host", () -> "127.0.0.1");
    registry.add("beian.sms.smpp.port", SMSC::port);
    registry.add("beian.sms.smpp.system-id", () -> SmscSimulator.SYSTEM_ID);
    registry.add("beian.sms.smpp.password", () -> SmscSimulator.PASSWORD);
    registry.add("beian.sms.smpp.response-timeout", () -> "PT1S");
    registry.add("beian.sms.smpp.reconnect-delay", () -> "PT0.2S");
    registry.add("beian.sms.smpp.max-submits-per-second", () -> "500");
    registry.add("beian.sms.smpp.throttle-backoff", () -> "PT0.02S");
  }

  @org.junit.jupiter.api.AfterAll
  static void stopSmsc() throws IOException {
    SMSC.close();
  }

  private static String codeOnSmsc(String phone) {
    List<String> texts = SMSC.textsTo(phone);
    assertThat(texts).as("SMS to %s on the SMSC", phone).isNotEmpty();
    Matcher m = CODE.matcher(texts.get(texts.size() - 1));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void shouldRunAWholeFilingWithTheCodesReadOffTheSmsc() throws Exception {
    // given a filing whose website principal has a China Telecom number (segment 133)
    Person zhang = TestData.person("张三");
    Person li = new Person("李四", "133" + TestData.phone().substring(3), "RESIDENT_ID", TestData.residentId());
    // when it is submitted and the send jobs run
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));

    // then each code reached the SMSC in Chinese, intact, from its carrier's sender, and not the demo inbox
    assertThat(SMSC.received()).filteredOn(r -> r.to().equals(zhang.phone())).singleElement().satisfies(r -> {
      assertThat(r.from()).isEqualTo("106575000130");
      assertThat(r.text()).startsWith("【ICP备案】您的备案短信核验验证码为").endsWith("完成短信核验，验证码请勿告知他人。");
    });
    assertThat(SMSC.received()).filteredOn(r -> r.to().equals(li.phone())).singleElement()
        .satisfies(r -> assertThat(r.from()).isEqualTo("106598051001"));
    assertThat(smsTo(zhang.phone())).isEmpty();

    // when the SMSC reports the messages delivered
    long receiptsBefore = meters.get("beian.sms.receipt").tag("state", "DELIVRD").timer().count();
    SMSC.sendReceipts(DeliveryReceiptState.DELIVRD);
    // then the request's trail records it, once per person, and the receipts are counted and timed
    assertThat(events(filingId)).filteredOn("SMS_DELIVERED"::equals).hasSize(2);
    assertThat(meters.get("beian.sms.receipt").tag("state", "DELIVRD").timer().count())
        .isGreaterThanOrEqualTo(receiptsBefore + 2);

    // when both people enter the codes read off the SMSC
    assertThat(verificationService.check(zhang.phone(), codeOnSmsc(zhang.phone()), TestData.last6(zhang)).result())
        .isEqualTo(CheckResult.VERIFIED_PARTIAL);
    assertThat(verificationService.check(li.phone(), codeOnSmsc(li.phone()), TestData.last6(li)).result())
        .isEqualTo(CheckResult.VERIFIED_COMPLETE);
    runJobs(filingId);
    // then the request is under review
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
  }

  @Test
  void shouldTakeTheSmscBindIntoReadiness(@Autowired HealthEndpoint health) {
    // given the transport bound to the SMSC
    await().atMost(Duration.ofSeconds(20))
        .until(() -> meters.get("beian.sms.smsc.bound").gauge().value() == 1);
    // when the orchestrator asks whether this node is ready
    var readiness = (CompositeHealth) health.healthForPath("readiness");
    // then the SMSC bind is one of the reasons, and it is UP
    assertThat(readiness.getComponents()).containsKey("smsc");
    assertThat(readiness.getComponents().get("smsc").getStatus()).isEqualTo(Status.UP);
    // and the dashboard's SMSC gauges exist only here, with the SMPP transport
    assertThat(meters.get("beian.sms.smsc.unbound").timeGauge().value()).isZero();
  }

  @Test
  void shouldLoseAndDuplicateNoMessageWhenTheSmscDropsTheConnectionMidRun() {
    // given six messages committed at once, and an SMSC that drops the connection at the third submit
    List<OutgoingSms> messages = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      messages.add(new OutgoingSms(UUID.randomUUID().toString(), null, TestData.phone(), "12381",
          "【ICP备案】连接测试" + i + "：验证码为" + (100000 + i)));
    }
    SMSC.dropConnectionAtSubmit(3);
    // when they are dispatched after the commit, and the one that met the drop is retried after its backoff
    new TransactionTemplate(transactions).executeWithoutResult(s -> messages.forEach(m -> outbox.enqueue(m, null)));
    setClock(clock.instant().plus(Duration.ofSeconds(11)));
    dispatcher.dispatchDue();
    // then every message reached the SMSC exactly once and is recorded as sent
    for (OutgoingSms m : messages) {
      assertThat(SMSC.textsTo(m.to())).containsExactly(m.text());
      assertThat(jdbc.queryForObject("SELECT status FROM sms_outbox WHERE id = ?", String.class, m.id()))
          .isEqualTo("SENT");
    }
    assertThat(jdbc.queryForObject("SELECT MAX(attempts) FROM sms_outbox WHERE id IN (?,?,?,?,?,?)", Integer.class,
        messages.stream().map(OutgoingSms::id).toArray())).isEqualTo(1);
  }

  @Test
  void shouldSlowDownForAThrottlingSmscWithoutFailingTheRequest() {
    // given an SMSC that throttles the next four submits
    SMSC.throttleNext(4);
    Person wang = TestData.person("王五");
    Person zhao = TestData.person("赵六");
    // when a filing's codes are sent
    String filingId = submitAndSend(TestData.newFiling("CN-GS", wang, zhao));
    // then both arrived, nothing was counted as a failure and no incident was raised
    assertThat(SMSC.textsTo(wang.phone())).hasSize(1);
    assertThat(SMSC.textsTo(zhao.phone())).hasSize(1);
    assertThat(jdbc.queryForList("SELECT status FROM sms_outbox WHERE filing_id = ?", String.class, filingId))
        .containsExactly("SENT", "SENT");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(verificationInstance(filingId).getId())
        .count()).isZero();
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.VERIFYING);
  }
}
