package cn.beian.verify.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import cn.beian.verify.filing.FilingStatusListener.StatusChange;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The body of a status callback, exactly the fields of docs/http-contract.md §1; {@code returnReason} is null unless
 * RETURNED, {@code at} is the time of the change as an offset date-time in Beijing time
 * ({@code 2026-11-23T15:04:05.123+08:00}).
 */
@Schema(name = "StatusCallback", description = "回调:申请状态变更(POST 到接入商登记的回调地址,"
    + "请求头 X-Signature: sha256=<请求体的HMAC-SHA256十六进制>,X-Callback-Id 用于去重)",
    example = CallbackEvent.STATUS_EXAMPLE)
@JsonPropertyOrder({"event", "filingId", "requestNo", "status", "returnReason", "at"})
@JsonInclude(JsonInclude.Include.ALWAYS)
record CallbackEvent(
    @Schema(description = "事件", allowableValues = ProviderEvents.STATUS_CHANGED) String event,
    @Schema(description = "备案申请ID") String filingId,
    @Schema(description = "接入商的申请编号") String requestNo,
    @Schema(description = "变更后的申请状态",
        allowableValues = {"VERIFYING", "UNDER_REVIEW", "APPROVED", "REJECTED", "RETURNED", "WITHDRAWN"}) String status,
    @Schema(description = "退回原因(仅 RETURNED)", nullable = true, allowableValues = {"EXPIRED", "VERIFICATION_FAILED"})
    String returnReason,
    @Schema(description = "变更时间(北京时间,毫秒)", example = "2026-11-23T15:04:05.123+08:00") String at) {
  static final String STATUS_EXAMPLE = "{\"event\": \"filing.status_changed\", "
      + "\"filingId\": \"0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50\", \"requestNo\": \"ALIYUN-20261122-0001\", "
      + "\"status\": \"RETURNED\", \"returnReason\": \"EXPIRED\", \"at\": \"2026-11-23T15:04:05.123+08:00\"}";
  static final String VERIFIER_EXAMPLE = "{\"event\": \"verifier.sms_undeliverable\", "
      + "\"filingId\": \"0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50\", \"requestNo\": \"ALIYUN-20261122-0001\", "
      + "\"verifier\": {\"roles\": [\"ENTITY_PRINCIPAL\"], \"name\": \"张*\", \"phone\": \"138****8000\", "
      + "\"status\": \"PENDING\"}, \"at\": \"2026-11-22T15:04:09.871+08:00\"}";
  static final String STATUS_CHANGED = ProviderEvents.STATUS_CHANGED;
  // a private mapper: the body's bytes are what gets signed, whatever the web layer's Jackson settings are
  private static final ObjectMapper JSON = new ObjectMapper();

  static CallbackEvent of(StatusChange change, ZoneId zone) {
    return new CallbackEvent(STATUS_CHANGED, change.filingId(), change.requestNo(), change.status().name(),
        change.returnReason() == null ? null : change.returnReason().name(), at(change.at(), zone));
  }

  String toJson() {
    return json(this);
  }

  static String at(Instant at, ZoneId zone) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.truncatedTo(ChronoUnit.MILLIS).atZone(zone));
  }

  static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record of strings always serialises", e);
    }
  }

  /**
   * The body of a per-person callback (docs/http-contract.md §1): {@code verifier.sms_sent} and the other five, the
   * person masked as in the request view, the person's status after the event.
   */
  @Schema(name = "VerifierCallback", description = "回调:某位核验人的事件(签名和重试同状态变更回调;"
      + "接入商可用 beian.callbacks.providers.<id>.events 选择接收哪些事件)", example = VERIFIER_EXAMPLE)
  @JsonPropertyOrder({"event", "filingId", "requestNo", "verifier", "at"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record VerifierCallback(
      @Schema(description = "事件", allowableValues = {ProviderEvents.SMS_SENT, ProviderEvents.SMS_DELIVERED,
          ProviderEvents.SMS_UNDELIVERABLE, ProviderEvents.VERIFIED, ProviderEvents.FAILED, ProviderEvents.EXPIRED})
      String event,
      @Schema(description = "备案申请ID") String filingId,
      @Schema(description = "接入商的申请编号") String requestNo,
      @Schema(description = "核验人(姓名和手机号码已脱敏),status 为事件发生后此人的核验状态") ProviderEvent.Person verifier,
      @Schema(description = "事件时间(北京时间,毫秒)", example = "2026-11-22T15:04:09.871+08:00") String at) {
    String toJson() {
      return json(this);
    }
  }
}
