package cn.beian.verify.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.beian.verify.sms.CarrierReceipt;
import cn.beian.verify.sms.OutgoingSms;
import cn.beian.verify.sms.SmsDeliveryException;
import cn.beian.verify.sms.SmsSubmissionLog;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.tlv.Tlv;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMPP transport against an SMSC that was not written here (Cloudhopper's ch-smpp server): what it decoded of
 * our submits, and what we read of its receipts. The in-test simulator (SmppSmsGatewayTest) shares jsmpp with the
 * transport; this one shares nothing, so a misreading of SMPP 3.4 on either side shows here.
 */
class SmppAgainstCloudhopperTest {
  private static final String LONG_TEXT = "【ICP备案】您的备案短信核验验证码为246810，24小时内有效（截至2026-11-23 15:04 北京时间）。"
      + "请打开 https://beian.example.cn/v/AbCdEfGhIjKlMnOpQrStUvWxYz012345 完成短信核验，验证码请勿告知他人。";

  private CloudhopperSmsc smsc;
  private final RecordingLog log = new RecordingLog();
  private SmppSmsGateway gateway;

  @BeforeEach
  void start() throws Exception {
    smsc = new CloudhopperSmsc();
    gateway = new SmppSmsGateway(new SmppProperties("127.0.0.1", smsc.port(), CloudhopperSmsc.SYSTEM_ID,
        CloudhopperSmsc.PASSWORD, "", "", Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(30),
        Duration.ofMillis(100), 1000, 5, Duration.ofMillis(20), org.jsmpp.bean.TypeOfNumber.UNKNOWN,
        org.jsmpp.bean.NumberingPlanIndicator.UNKNOWN, org.jsmpp.bean.TypeOfNumber.UNKNOWN,
        org.jsmpp.bean.NumberingPlanIndicator.ISDN), log);
    gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop();
    smsc.close();
  }

  private static OutgoingSms sms(String to, String from, String text) {
    return new OutgoingSms(UUID.randomUUID().toString(), null, to, from, text);
  }

  @Test
  void shouldSubmitUcs2TextFromTheSenderToThePhoneWithAReceiptRequested() {
    // when a short Chinese text is sent from China Telecom's sender
    List<String> ids = gateway.send(sms("13312345678", "106598051001", "【ICP备案】测试短信"));
    // then the foreign SMSC decoded one submit_sm: our addresses, UCS-2, no UDH, a receipt asked for, the text intact
    assertThat(smsc.submits()).singleElement().satisfies(s -> {
      assertThat(s.from()).isEqualTo("106598051001");
      assertThat(s.to()).isEqualTo("13312345678");
      assertThat(s.dataCoding()).isEqualTo(SmppConstants.DATA_CODING_UCS2);
      assertThat(s.esmClass() & SmppConstants.ESM_CLASS_UDHI_MASK).isZero();
      assertThat(s.registeredDelivery() & 0x03).isEqualTo(0x01);
      assertThat(new String(s.shortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("【ICP备案】测试短信");
      assertThat(ids).containsExactly(s.messageId());
    });
  }

  @Test
  void shouldSendALongTextAsConcatenatedPartsOfAtMost140OctetsThatReassembleExactly() {
    // when a code SMS longer than one UCS-2 message is sent
    List<String> ids = gateway.send(sms("13800138000", "106575000130", LONG_TEXT));
    // then the SMSC got several parts, each within 140 octets behind a UDH of one reference, numbered 1..n of n
    List<CloudhopperSmsc.Submit> parts = smsc.submitsTo("13800138000");
    assertThat(parts).hasSizeGreaterThan(1);
    for (int i = 0; i < parts.size(); i++) {
      byte[] sm = parts.get(i).shortMessage();
      assertThat(sm.length).isLessThanOrEqualTo(140);
      assertThat(parts.get(i).esmClass() & SmppConstants.ESM_CLASS_UDHI_MASK).isNotZero();
      assertThat(new byte[] {sm[0], sm[1], sm[2]}).containsExactly(0x05, 0x00, 0x03);
      assertThat(sm[3]).isEqualTo(parts.get(0).shortMessage()[3]);
      assertThat(sm[4] & 0xFF).isEqualTo(parts.size());
      assertThat(sm[5] & 0xFF).isEqualTo(i + 1);
      assertThat(parts.get(i).dataCoding()).isEqualTo(SmppConstants.DATA_CODING_UCS2);
    }
    // and the reassembled text is the text, the transport's ids the SMSC's
    assertThat(CloudhopperSmsc.reassemble(parts)).isEqualTo(LONG_TEXT);
    assertThat(ids).isEqualTo(parts.stream().map(CloudhopperSmsc.Submit::messageId).toList());
  }

  @Test
  void shouldReadTheForeignSmscsDeliveredAndUndeliverableReceipts() throws Exception {
    // given two messages the SMSC accepted
    String delivered = gateway.send(sms("13800138001", "106575000130", "短信一")).get(0);
    String undeliverable = gateway.send(sms("13800138002", "106575000130", "短信二")).get(0);
    // when it reports the first delivered and the second undeliverable with the carrier's error 1
    int first = smsc.sendReceipt(delivered, SmppConstants.STATE_DELIVERED, 0);
    int second = smsc.sendReceipt(undeliverable, SmppConstants.STATE_UNDELIVERABLE, 1);
    // then both were accepted and read as the carrier meant them: the id, the state, the error code, the recipient
    assertThat(first).isZero();
    assertThat(second).isZero();
    assertThat(log.receipts).containsExactly(
        new CarrierReceipt(delivered, "DELIVRD", "000", "13800138001"),
        new CarrierReceipt(undeliverable, "UNDELIV", "001", "13800138002"));
  }

  @Test
  void shouldAskTheSmscToRepeatAReceiptOfAnUnknownIdAndDropGarbageWithoutEffect() throws Exception {
    // given a bound transport
    gateway.send(sms("13800138003", "12381", "短信"));
    // when the SMSC sends a receipt for an id the transport never had
    int unknown = smsc.sendReceipt("7fffffff", SmppConstants.STATE_DELIVERED, 0);
    // then it is answered with a temporary error (the SMSC tries again later) and nothing was recorded
    assertThat(unknown).isEqualTo(SmppConstants.STATUS_X_T_APPN);
    // when it sends a receipt without any id, one of garbage, and one whose text is huge
    int noId = smsc.deliver("13800138003", "sub:001 dlvrd:001 stat:DELIVRD err:000".getBytes(StandardCharsets.US_ASCII),
        List.of());
    int garbage = smsc.deliver("13800138003", new byte[] {(byte) 0xFF, 0x00, 0x13, 0x37, (byte) 0x80}, List.of());
    // (30 kB: jsmpp 3.0.2 reads a TLV length above 32767 as negative and never answers such a PDU; the SMSC's
    // window then times it out)
    byte[] huge = ("id:" + "9".repeat(200) + " stat:DELIVRD " + "x".repeat(30_000)).getBytes(StandardCharsets.US_ASCII);
    int oversized = smsc.deliver("13800138003", new byte[0], List.of(new Tlv(ReceiptPdus.MESSAGE_PAYLOAD, huge)));
    // then each is acknowledged and dropped: no receipt recorded, the session still bound
    assertThat(List.of(noId, garbage, oversized)).containsOnly(0);
    assertThat(log.receipts).isEmpty();
    assertThat(gateway.connection().bound()).isTrue();
  }

  @Test
  void shouldBackOffWhenTheSmscThrottlesWithoutCountingAFailure() {
    // given an SMSC answering the next three submits ESME_RTHROTTLED
    smsc.throttleNext(3);
    // when a long message is sent
    gateway.send(sms("13800138004", "106575000130", LONG_TEXT));
    // then it waited, submitted again, and every part arrived once
    assertThat(smsc.throttledSubmits()).isEqualTo(3);
    assertThat(CloudhopperSmsc.reassemble(smsc.submitsTo("13800138004"))).isEqualTo(LONG_TEXT);
    // when the SMSC keeps throttling longer than the transport waits in place
    smsc.throttleNext(100);
    // then the outbox is told to retry later, as throttled: not counted against the message's attempts
    assertThatThrownBy(() -> gateway.send(sms("13800138005", "106575000130", "短信")))
        .isInstanceOfSatisfying(SmsDeliveryException.class, e -> assertThat(e.throttled()).isTrue());
  }

  @Test
  void shouldRebindAfterTheSmscDropsTheSessionAndGetReceiptsOnTheNewOne() throws Exception {
    // given a bound transport that has sent a message
    String id = gateway.send(sms("13800138006", "12381", "短信一")).get(0);
    assertThat(smsc.binds()).isEqualTo(1);
    // when the SMSC drops the session without an unbind
    smsc.dropSessions();
    // then the transport binds again by itself, without a message waiting
    await().atMost(Duration.ofSeconds(20)).until(() -> smsc.binds() >= 2 && smsc.hasBoundSession()
        && gateway.connection().bound());
    // and the new session carries both submits and the receipts of messages sent before the drop
    gateway.send(sms("13800138007", "12381", "短信二"));
    assertThat(smsc.submitsTo("13800138007")).hasSize(1);
    assertThat(smsc.sendReceipt(id, SmppConstants.STATE_DELIVERED, 0)).isZero();
    assertThat(log.receipts).extracting(CarrierReceipt::carrierMessageId).containsExactly(id);
  }

  /** the outbox's memory, in memory: which parts the SMSC acknowledged, and the receipts as the transport read them */
  private static final class RecordingLog implements SmsSubmissionLog {
    final Map<String, Map<Integer, String>> parts = new ConcurrentHashMap<>();
    final List<CarrierReceipt> receipts = new CopyOnWriteArrayList<>();

    @Override
    public Map<Integer, String> acknowledgedParts(String messageId) {
      return new HashMap<>(parts.getOrDefault(messageId, Map.of()));
    }

    @Override
    public void partAcknowledged(String messageId, int partNo, int partCount, String carrierMessageId) {
      parts.computeIfAbsent(messageId, k -> new ConcurrentHashMap<>()).put(partNo, carrierMessageId);
    }

    @Override
    public ReceiptOutcome receiptReceived(CarrierReceipt receipt) {
      if (parts.values().stream().noneMatch(p -> p.containsValue(receipt.carrierMessageId()))) {
        return ReceiptOutcome.UNKNOWN;
      }
      receipts.add(receipt);
      return ReceiptOutcome.RECORDED;
    }
  }
}
