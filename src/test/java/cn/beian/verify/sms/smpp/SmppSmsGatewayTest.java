package cn.beian.verify.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.sms.CarrierDirectory;
import cn.beian.verify.sms.CarrierReceipt;
import cn.beian.verify.sms.OutgoingSms;
import cn.beian.verify.sms.SenderMode;
import cn.beian.verify.sms.SenderNumbers;
import cn.beian.verify.sms.SmsDeliveryException;
import cn.beian.verify.sms.SmsSubmissionLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMPP transport against the in-test SMSC, without the application around it. */
class SmppSmsGatewayTest {
  private static final String LONG_TEXT = "【ICP备案】您的备案短信核验验证码为246810，24小时内有效（截至2026-11-23 15:04 北京时间）。"
      + "请打开 https://beian.example.cn/v/AbCdEfGhIjKlMnOpQrStUvWxYz012345 完成短信核验，验证码请勿告知他人。";
  private static final CarrierDirectory CARRIERS = CarrierDirectory.loadDefault();

  private SmscSimulator smsc;
  private final MemoryLog log = new MemoryLog();
  private SmppSmsGateway gateway;

  @BeforeEach
  void startSmsc() throws Exception {
    smsc = new SmscSimulator();
    gateway = new SmppSmsGateway(properties(smsc.port(), 1000), log);
    gateway.start();
  }

  @AfterEach
  void stop() throws Exception {
    gateway.stop();
    smsc.close();
  }

  static SmppProperties properties(int port, double rate) {
    return new SmppProperties("127.0.0.1", port, SmscSimulator.SYSTEM_ID, SmscSimulator.PASSWORD, "", "",
        Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(100), rate, 5,
        Duration.ofMillis(20), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, TypeOfNumber.UNKNOWN,
        NumberingPlanIndicator.ISDN);
  }

  private static OutgoingSms sms(String to, String from, String text) {
    return new OutgoingSms(UUID.randomUUID().toString(), null, to, from, text);
  }

  @Test
  void shouldDeliverALongChineseTextIntactInConcatenatedUcs2Parts() {
    // given a code SMS longer than one UCS2 message (70 characters)
    assertThat(LONG_TEXT.length()).isGreaterThan(Ucs2Segments.SINGLE);
    // when it is sent
    List<String> ids = gateway.send(sms("13800138000", "106575000130", LONG_TEXT));
    // then the SMSC reassembles exactly the text, from the parts it acknowledged
    assertThat(smsc.received()).singleElement().satisfies(r -> {
      assertThat(r.text()).isEqualTo(LONG_TEXT);
      assertThat(r.to()).isEqualTo("13800138000");
      assertThat(r.messageIds()).isEqualTo(ids).hasSizeGreaterThan(1);
    });
  }

  @Test
  void shouldSendAShortTextAsOneMessage() {
    // when a short Chinese text is sent
    gateway.send(sms("13800138001", "12381", "【ICP备案】测试短信"));
    // then one UCS2 message arrives, intact
    assertThat(smsc.textsTo("13800138001")).containsExactly("【ICP备案】测试短信");
  }

  @Test
  void shouldSendFromTheSenderOfTheNumbersCarrierOrTheUnifiedSender() {
    // given a China Telecom number (segment 133)
    String telecom = "13312345678";
    // when it is sent in carrier mode and then in unified mode
    gateway.send(sms(telecom, new SenderNumbers(CARRIERS, SenderMode.CARRIER).senderFor(telecom), "短信一"));
    gateway.send(sms(telecom, new SenderNumbers(CARRIERS, SenderMode.UNIFIED).senderFor(telecom), "短信二"));
    // then the SMSC sees Telecom's source address, then 12381
    assertThat(smsc.received()).extracting(SmscSimulator.Received::from).containsExactly("106598051001", "12381");
  }

  @Test
  void shouldWaitOutAThrottlingSmscWithoutFailing() {
    // given an SMSC that answers the next three submits with ESME_RTHROTTLED
    smsc.throttleNext(3);
    // when a message is sent
    gateway.send(sms("13800138002", "106575000130", LONG_TEXT));
    // then it was slowed down, not failed, and arrived once
    assertThat(smsc.throttledSubmits()).isEqualTo(3);
    assertThat(smsc.textsTo("13800138002")).containsExactly(LONG_TEXT);
  }

  @Test
  void shouldHandBackAMessageTheSmscKeepsThrottlingAsThrottled() {
    // given an SMSC that throttles longer than the transport waits in place
    smsc.throttleNext(100);
    // when / then the outbox is told to retry later, without counting it as a failure
    assertThatThrownBy(() -> gateway.send(sms("13800138003", "106575000130", "短信")))
        .isInstanceOfSatisfying(SmsDeliveryException.class, e -> assertThat(e.throttled()).isTrue());
  }

  @Test
  void shouldResendOnlyThePartsTheSmscHasNotAcknowledgedAfterADroppedConnection() {
    // given a multi-part message whose second part meets a dropped connection
    OutgoingSms message = sms("13800138004", "106575000130", LONG_TEXT);
    smsc.dropConnectionAtSubmit(2);
    assertThatThrownBy(() -> gateway.send(message)).isInstanceOf(SmsDeliveryException.class);
    assertThat(log.parts.get(message.id())).containsOnlyKeys(1);
    // when the outbox hands the same message over again
    gateway.send(message);
    // then the transport rebound and the SMSC has the whole text exactly once
    assertThat(smsc.binds()).isGreaterThanOrEqualTo(2);
    assertThat(smsc.textsTo("13800138004")).containsExactly(LONG_TEXT);
  }

  @Test
  void shouldRecordDeliveryReceiptsOfEveryPart() throws Exception {
    // given a sent multi-part message
    List<String> ids = gateway.send(sms("13800138005", "106575000130", LONG_TEXT));
    // when the SMSC reports every part delivered
    smsc.sendReceipts(DeliveryReceiptState.DELIVRD);
    // then the transport recorded a delivered receipt for each
    assertThat(log.receipts).containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + ":DELIVRD").toList());
  }

  @Test
  void shouldNotFailTheCallerWhenTheSmscIsUnreachable() {
    // given a transport pointed at a port nobody listens on
    SmppSmsGateway nowhere = new SmppSmsGateway(properties(1, 1000), log);
    // when / then sending fails with a retryable delivery failure naming no phone
    assertThatThrownBy(() -> nowhere.send(sms("13800138006", "12381", "短信")))
        .isInstanceOf(SmsDeliveryException.class).hasMessageStartingWith("cannot bind to the SMSC")
        .hasMessageNotContaining("13800138006");
  }

  @Test
  void shouldSplitBetweenSurrogatePairsNever() {
    // given a text of 67 characters whose 67th code unit starts a surrogate pair
    String text = "短".repeat(66) + "😀" + "信".repeat(10);
    // when it is cut into parts
    List<byte[]> parts = Ucs2Segments.of(text, 7);
    // then the pair travels whole in the second part
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0)).hasSize(6 + 66 * 2);
  }

  /** the outbox's memory, in memory */
  private static final class MemoryLog implements SmsSubmissionLog {
    final Map<String, Map<Integer, String>> parts = new ConcurrentHashMap<>();
    final List<String> receipts = new ArrayList<>();

    @Override
    public Map<Integer, String> acknowledgedParts(String messageId) {
      return new HashMap<>(parts.getOrDefault(messageId, Map.of()));
    }

    @Override
    public void partAcknowledged(String messageId, int partNo, int partCount, String carrierMessageId) {
      parts.computeIfAbsent(messageId, k -> new ConcurrentHashMap<>()).put(partNo, carrierMessageId);
    }

    @Override
    public synchronized ReceiptOutcome receiptReceived(CarrierReceipt receipt) {
      boolean known = parts.values().stream().anyMatch(p -> p.containsValue(receipt.carrierMessageId()));
      if (known) {
        receipts.add(receipt.carrierMessageId() + ":" + receipt.state());
      }
      return known ? ReceiptOutcome.RECORDED : ReceiptOutcome.UNKNOWN;
    }
  }
}
