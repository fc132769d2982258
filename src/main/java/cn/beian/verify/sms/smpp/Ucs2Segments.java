package cn.beian.verify.sms.smpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text as the short messages of submit_sm in UCS2 (data_coding 0x08): one message up to 70 characters,
 * otherwise parts of 67 characters, each behind a concatenation header (UDH IEI 0x00, 8-bit reference; esm_class
 * 0x40). The reference is derived from the message id, so a retry resends the very same parts.
 */
final class Ucs2Segments {
  static final int SINGLE = 70;
  static final int PART = 67;

  private Ucs2Segments() {}

  /** @return the short messages, in order; more than one means each carries a header */
  static List<byte[]> of(String text, int reference) {
    if (text.length() <= SINGLE) {
      return List.of(text.getBytes(StandardCharsets.UTF_16BE));
    }
    List<String> chunks = new ArrayList<>();
    for (int start = 0; start < text.length(); ) {
      int end = Math.min(text.length(), start + PART);
      // never split a surrogate pair between two parts
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      chunks.add(text.substring(start, end));
      start = end;
    }
    if (chunks.size() > 255) {
      throw new IllegalArgumentException("text too long for one concatenated SMS: " + chunks.size() + " parts");
    }
    List<byte[]> parts = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      byte[] body = chunks.get(i).getBytes(StandardCharsets.UTF_16BE);
      byte[] part = new byte[6 + body.length];
      part[0] = 0x05;
      part[1] = 0x00;
      part[2] = 0x03;
      part[3] = (byte) reference;
      part[4] = (byte) chunks.size();
      part[5] = (byte) (i + 1);
      System.arraycopy(body, 0, part, 6, body.length);
      parts.add(part);
    }
    return parts;
  }

  static int referenceOf(String messageId) {
    return messageId.hashCode() & 0xFF;
  }
}
