package cn.beian.verify.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.beian.verify.filing.FilingStatusListener.StatusChange;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The body of a callback, exactly the fields of docs/http-contract.md §1; {@code returnReason} is null unless RETURNED, {@code at}
 * is the time of the change as an offset date-time in Beijing time ({@code 2026-11-23T15:04:05.123+08:00}).
 */
@JsonPropertyOrder({"event", "filingId", "requestNo", "status", "returnReason", "at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
record CallbackEvent(String event, String filingId, String requestNo, String status, String returnReason, String at) {
  static final String STATUS_CHANGED = "filing.status_changed";
  // a private mapper: the body's bytes are what gets signed, whatever the web layer's Jackson settings are
  private static final ObjectMapper JSON = new ObjectMapper();

  static CallbackEvent of(StatusChange change, ZoneId zone) {
    return new CallbackEvent(STATUS_CHANGED, change.filingId(), change.requestNo(), change.status().name(),
        change.returnReason() == null ? null : change.returnReason().name(),
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(change.at().truncatedTo(ChronoUnit.MILLIS).atZone(zone)));
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings always serialises", e);
    }
  }
}
