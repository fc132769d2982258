package cn.beian.verify.ops.logging;

import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingEventRecorded;
import cn.beian.verify.notify.CallbackAttempted;
import cn.beian.verify.retention.PersonalDataRetention;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One log line per business event, once it is committed: every entry of a request's trail and every callback a
 * provider acknowledged, with the request's id (and the verifier's, for a person's event) in the MDC, so that
 * {@code filingId} finds everything that happened to a request in the text or the JSON logs. The line names the
 * event and, where the trail's detail is a code, the code; the trail's masked phones stay out of the logs.
 */
@Component
class BusinessEventLog {
  static final String MDC_VERIFIER_ID = "verifierId";
  private static final Logger LOG = LoggerFactory.getLogger(BusinessEventLog.class);
  /** the events whose detail is a code (a return reason, a result, a resend kind, a decision), never personal data */
  private static final Set<String> CODED_DETAIL = Set.of(FilingEvent.SMS_RESENT, FilingEvent.ATTEMPT_FAILED,
      FilingEvent.RETURNED, FilingEvent.REVIEWED);

  @TransactionalEventListener(fallbackExecution = true)
  public void onTrail(FilingEventRecorded recorded) {
    withIds(recorded.filingId(), recorded.verifierId(), () -> {
      if (CODED_DETAIL.contains(recorded.event()) && recorded.detail() != null) {
        LOG.info("{} {}", recorded.event(), recorded.detail());
      } else if (PersonalDataRetention.PERSONAL_DATA_ERASED.equals(recorded.event())) {
        LOG.info("{}: names, phones, ID numbers and SMS texts of the request erased, its masked record kept",
            recorded.event());
      } else {
        LOG.info("{}", recorded.event());
      }
    });
  }

  @TransactionalEventListener(fallbackExecution = true)
  public void onCallback(CallbackAttempted attempt) {
    // failures are logged by the dispatcher itself, with the reason
    if (attempt.delivered()) {
      withIds(attempt.filingId(), null, () -> LOG.info("CALLBACK_DELIVERED {} to provider {} (attempt {})",
          attempt.callbackId(), attempt.providerId(), attempt.attempt()));
    }
  }

  /** the ids go into the MDC for this line and the caller's values come back after it */
  private static void withIds(String filingId, String verifierId, Runnable log) {
    String outerFiling = MDC.get(FilingEventRecorded.MDC_FILING_ID);
    String outerVerifier = MDC.get(MDC_VERIFIER_ID);
    put(FilingEventRecorded.MDC_FILING_ID, filingId);
    put(MDC_VERIFIER_ID, verifierId);
    try {
      log.run();
    } finally {
      put(FilingEventRecorded.MDC_FILING_ID, outerFiling);
      put(MDC_VERIFIER_ID, outerVerifier);
    }
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
