package cn.beian.verify.sms;

import java.util.List;

/**
 * A transport that hands messages to the carrier (or, built in, to the demo inbox). Called by the outbox
 * dispatcher after the code's transaction has committed, never inside it. A transport is idempotent per
 * {@code sms.id()}: the dispatcher may hand it the same message again after a crash or a lost connection, and
 * what was already accepted must not go out a second time.
 */
public interface SmsGateway {
  /**
   * @return the carrier's ids of the message (one per part), empty when the transport has none
   * @throws SmsDeliveryException when the message was not (completely) accepted; the dispatcher retries it
   */
  List<String> send(OutgoingSms sms);
}
