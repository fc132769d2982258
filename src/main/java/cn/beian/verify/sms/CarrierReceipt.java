package cn.beian.verify.sms;

import cn.beian.verify.kernel.PhoneNumbers;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One delivery receipt of one message part as a transport read it, already reduced to what the product keeps: the
 * carrier's message id, its final state and error code (short codes, checked here so that nothing a carrier sends
 * lands in a column as is), and the recipient when the receipt names it.
 *
 * @param carrierMessageId the carrier's id of the part (submit_sm_resp's message_id)
 * @param state the carrier's state: DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN (ENROUTE/ACCEPTD are not final)
 * @param error the carrier's error code, or null
 * @param recipient the phone the receipt is about (its source address), or null when it names none
 */
public record CarrierReceipt(String carrierMessageId, String state, String error, String recipient) {
  /** SMPP 3.4 message_id: at most 65 octets of printable ASCII */
  private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,65}");
  private static final Pattern STATE = Pattern.compile("[A-Z]{1,12}");
  private static final Pattern ERROR = Pattern.compile("[0-9A-Za-z]{1,8}");

  public static final String DELIVERED = "DELIVRD";

  /** @return the receipt when its id and state are well-formed, whatever else the carrier sent; empty otherwise */
  public static Optional<CarrierReceipt> of(String carrierMessageId, String state, String error, String recipient) {
    if (carrierMessageId == null || !ID.matcher(carrierMessageId).matches() || state == null) {
      return Optional.empty();
    }
    String normalizedState = state.trim().toUpperCase(Locale.ROOT);
    if (!STATE.matcher(normalizedState).matches()) {
      return Optional.empty();
    }
    String normalizedError = error == null || !ERROR.matcher(error.trim()).matches() ? null : error.trim();
    return Optional.of(new CarrierReceipt(carrierMessageId, normalizedState, normalizedError,
        recipient == null ? null : PhoneNumbers.normalize(recipient).orElse(null)));
  }

  public boolean delivered() {
    return DELIVERED.equals(state);
  }

  /** ENROUTE and ACCEPTD say the carrier is still trying: the part's outcome is not known yet */
  public boolean isFinal() {
    return !"ENROUTE".equals(state) && !"ACCEPTD".equals(state);
  }
}
