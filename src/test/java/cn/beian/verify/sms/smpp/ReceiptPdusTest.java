package cn.beian.verify.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.sms.CarrierReceipt;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

/** What the transport takes from a receipt PDU, and what it refuses to take, whatever the carrier put in it. */
class ReceiptPdusTest {
  private final Map<Short, OptionalParameter> tlvs = new HashMap<>();

  private Optional<CarrierReceipt> read(String text, String source) {
    return ReceiptPdus.read(text == null ? null : text.getBytes(StandardCharsets.ISO_8859_1), tlvs::get, source);
  }

  @Test
  void shouldReadTheAppendixBText() {
    // when a receipt names id, state and error in its text only
    Optional<CarrierReceipt> receipt = read("id:5a0001 sub:001 dlvrd:000 submit date:2611301640 done date:2611301641 "
        + "stat:UNDELIV err:011 text:【ICP备案】", "+86 138 0013 8000");
    // then those three and the recipient, normalised
    assertThat(receipt).contains(new CarrierReceipt("5a0001", "UNDELIV", "011", "13800138000"));
  }

  @Test
  void shouldPreferTheTlvsToTheText() {
    // given TLVs that say otherwise than the text (receipted_message_id, message_state 2, network_error_code)
    tlvs.put(ReceiptPdus.RECEIPTED_MESSAGE_ID, new OptionalParameter.COctetString(ReceiptPdus.RECEIPTED_MESSAGE_ID, "abc"));
    tlvs.put(ReceiptPdus.MESSAGE_STATE, new OptionalParameter.Byte(ReceiptPdus.MESSAGE_STATE, (byte) 2));
    // when
    Optional<CarrierReceipt> receipt = read("id:other stat:UNDELIV", null);
    // then the TLVs win
    assertThat(receipt).hasValueSatisfying(r -> {
      assertThat(r.carrierMessageId()).isEqualTo("abc");
      assertThat(r.state()).isEqualTo("DELIVRD");
      assertThat(r.delivered()).isTrue();
    });
  }

  @Test
  void shouldTakeNoReceiptOutOfGarbageAnOverlongIdOrAnInjectedState() {
    assertThat(read(null, null)).isEmpty();
    assertThat(read("\u0000\u00ff\u0013garbage", null)).isEmpty();
    assertThat(read("stat:DELIVRD err:000", null)).as("no id").isEmpty();
    assertThat(read("id:" + "9".repeat(66) + " stat:DELIVRD", null)).as("id over 65 octets").isEmpty();
    assertThat(read("id:1 stat:DELIVRD';DROP", null)).as("state not a word").isEmpty();
    assertThat(read("id:1 stat:DELIVRD err:0000000000000", null)).hasValueSatisfying(r ->
        assertThat(r.error()).as("an overlong error is dropped, not cut").isNull());
    assertThat(read("id:1 stat:DELIVRD", "not a phone")).hasValueSatisfying(r -> assertThat(r.recipient()).isNull());
  }

  @Test
  void shouldReadOnlyTheFirstKilobyteOfAHugeText() {
    // given a text whose state comes after 1 kB of filler
    String text = "id:77 " + "x".repeat(2000) + " stat:DELIVRD";
    // then it is no receipt: nothing beyond the first kilobyte is looked at
    assertThat(read(text, null)).isEmpty();
  }

  @Test
  void shouldTellFinalStatesFromIntermediateOnes() {
    assertThat(read("id:1 stat:ENROUTE", null)).hasValueSatisfying(r -> assertThat(r.isFinal()).isFalse());
    assertThat(read("id:1 stat:acceptd", null)).hasValueSatisfying(r -> assertThat(r.isFinal()).isFalse());
    assertThat(read("id:1 stat:EXPIRED err:004", null)).hasValueSatisfying(r -> {
      assertThat(r.isFinal()).isTrue();
      assertThat(r.delivered()).isFalse();
    });
  }
}
