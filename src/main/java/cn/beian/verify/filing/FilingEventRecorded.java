package cn.beian.verify.filing;

import java.time.Instant;

/**
 * Published (as a Spring application event) for every entry written to a request's trail, in the transaction that
 * writes it: listeners that count or log business events hear it after the commit. The filing package does not
 * know who listens. {@code detail} is what the trail stores: a reason, a result code or a masked phone.
 */
public record FilingEventRecorded(String filingId, String verifierId, String event, Instant at, String detail) {
  /** the MDC key under which log lines about one request carry its id (also the engine's business-key key) */
  public static final String MDC_FILING_ID = "filingId";
}
