package cn.beian.verify.notify;

import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.sms.SmsEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events of the access providers' contract (docs/http-contract.md §1 "Callbacks" and "Changes"), and the one
 * place where the request's trail ({@code filing_event}) maps to them. The six per-person names are fixed by the
 * contract; a trail event without a name here stays in the trail (and the request view) only: the failed attempts
 * before the fifth, the resend asked for, an SMS the outbox gave up on (an incident), and an SMS with no receipt in
 * time ({@code SMS_NO_RECEIPT}: shown as the verifier's {@code sms} state in the request view, not an event of the
 * contract). A new trail event that providers should hear of is added to {@link #OF_TRAIL} and nowhere else.
 */
public final class ProviderEvents {
  public static final String STATUS_CHANGED = "filing.status_changed";
  public static final String SMS_SENT = "verifier.sms_sent";
  public static final String SMS_DELIVERED = "verifier.sms_delivered";
  public static final String SMS_UNDELIVERABLE = "verifier.sms_undeliverable";
  public static final String VERIFIED = "verifier.verified";
  public static final String FAILED = "verifier.failed";
  public static final String EXPIRED = "verifier.expired";

  /** every event a provider may receive, in the order the contract names them (the default choice: all) */
  public static final List<String> ALL = List.of(STATUS_CHANGED, SMS_SENT, SMS_DELIVERED, SMS_UNDELIVERABLE, VERIFIED,
      FAILED, EXPIRED);

  /**
   * trail event → contract event. A code sent again (the noon resend, a resend asked for) is a new SMS:
   * {@code verifier.sms_sent}. {@code SMS_UNDELIVERABLE} is a receipt's "not delivered"
   * with the carrier's error; {@code SMS_UNDELIVERED}, its name in trails written before, means the same to a provider.
   * {@code SMS_NO_RECEIPT} and {@code SMS_REROUTED} (the same code once more through 12381) stay in the trail.
   */
  private static final Map<String, String> OF_TRAIL = Map.of(
      FilingEvent.SMS_SENT, SMS_SENT,
      FilingEvent.SMS_RESENT, SMS_SENT,
      SmsEvents.SMS_DELIVERED, SMS_DELIVERED,
      SmsEvents.SMS_UNDELIVERED, SMS_UNDELIVERABLE,
      SmsEvents.SMS_UNDELIVERABLE, SMS_UNDELIVERABLE,
      FilingEvent.VERIFIED, VERIFIED,
      FilingEvent.FAILED, FAILED,
      FilingEvent.EXPIRED, EXPIRED);

  /** the verifier's status an event leaves behind, whatever order the writer updates the row and the trail in */
  private static final Map<String, String> VERIFIER_STATUS_AFTER = Map.of(
      VERIFIED, "VERIFIED", FAILED, "FAILED", EXPIRED, "EXPIRED");

  private ProviderEvents() {}

  /** the contract's name of a per-person trail event, if providers hear of it */
  public static Optional<String> ofTrail(String trailEvent) {
    return Optional.ofNullable(OF_TRAIL.get(trailEvent));
  }

  /** the verifier's status after the event: the one it implies, or the stored one for the SMS events */
  static String verifierStatusAfter(String event, String stored) {
    return VERIFIER_STATUS_AFTER.getOrDefault(event, stored);
  }

  static boolean isKnown(String event) {
    return ALL.contains(event);
  }
}
