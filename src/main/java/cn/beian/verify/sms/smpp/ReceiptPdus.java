package cn.beian.verify.sms.smpp;

import cn.beian.verify.sms.CarrierReceipt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.OptionalParameter;

/**
 * Reads a delivery receipt (deliver_sm with esm_class "SMSC delivery receipt") the way SMPP 3.4 §5.2.12 and the
 * carriers' appendix B text agree on: the message id from the receipted_message_id TLV, else the text's {@code id:};
 * the state from the message_state TLV, else {@code stat:}; the error from {@code err:}, else network_error_code.
 * Whatever else the text holds is not looked at, and an oversized text only up to its first kilobyte: a receipt that
 * does not yield an id and a state is no receipt.
 */
final class ReceiptPdus {
  static final short RECEIPTED_MESSAGE_ID = 0x001E;
  static final short MESSAGE_STATE = 0x0427;
  static final short NETWORK_ERROR_CODE = 0x0423;
  static final short MESSAGE_PAYLOAD = 0x0424;
  private static final int MAX_TEXT = 1024;
  private static final Pattern ID = Pattern.compile("(?i)(?:^|\\s)id:(\\S{1,65})(?=\\s|$)");
  private static final Pattern STAT = Pattern.compile("(?i)(?:^|\\s)stat:([A-Za-z]{1,12})(?=\\s|$)");
  private static final Pattern ERR = Pattern.compile("(?i)(?:^|\\s)err:([0-9A-Za-z]{1,8})(?=\\s|$)");
  /** message_state values 1..8 (SMPP 3.4 §5.2.28) by the names the receipt text uses */
  private static final String[] STATES = {null, "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD",
      "UNKNOWN", "REJECTD"};

  private ReceiptPdus() {}

  /**
   * @param shortMessage the deliver_sm's short_message
   * @param tlvs its optional parameters, by tag
   * @param sourceAddr its source address: the phone the receipt is about
   */
  static Optional<CarrierReceipt> read(byte[] shortMessage, TlvLookup tlvs, String sourceAddr) {
    String text = text(shortMessage == null || shortMessage.length == 0 ? octets(tlvs.get(MESSAGE_PAYLOAD))
        : shortMessage);
    String id = cString(octets(tlvs.get(RECEIPTED_MESSAGE_ID)));
    if (id == null || id.isEmpty()) {
      id = group(ID, text);
    }
    String state = messageState(tlvs.get(MESSAGE_STATE));
    if (state == null) {
      state = group(STAT, text);
    }
    String error = group(ERR, text);
    if (error == null) {
      error = networkError(octets(tlvs.get(NETWORK_ERROR_CODE)));
    }
    return CarrierReceipt.of(id, state, error, sourceAddr);
  }

  /** the optional parameter of a tag, or null */
  interface TlvLookup {
    OptionalParameter get(short tag);
  }

  private static String text(byte[] bytes) {
    if (bytes == null) {
      return "";
    }
    return new String(bytes, 0, Math.min(bytes.length, MAX_TEXT), StandardCharsets.ISO_8859_1);
  }

  private static byte[] octets(OptionalParameter p) {
    if (p instanceof OptionalParameter.OctetString s) {
      return s.getValue();
    }
    if (p instanceof OptionalParameter.Byte b) {
      return new byte[] {b.getValue()};
    }
    return null;
  }

  private static String cString(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(Arrays.copyOf(bytes, end), StandardCharsets.ISO_8859_1);
  }

  private static String messageState(OptionalParameter p) {
    byte[] bytes = octets(p);
    if (bytes == null || bytes.length != 1) {
      return null;
    }
    int value = bytes[0] & 0xFF;
    return value < STATES.length ? STATES[value] : null;
  }

  /** network_error_code: network type (1 octet), error code (2 octets) → the code, as the receipt text writes it */
  private static String networkError(byte[] bytes) {
    if (bytes == null || bytes.length != 3) {
      return null;
    }
    return String.format("%03d", ((bytes[1] & 0xFF) << 8) | (bytes[2] & 0xFF));
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
