package cn.beian.verify.notify.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import cn.beian.verify.notify.ProviderEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of the change feed (docs/http-contract.md §1 "Changes"). */
@Schema(description = "变更流的一页")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FilingChanges(
    @Schema(description = "事件,按提交顺序") List<Item> items,
    @Schema(description = "下次请求时作为 after 传入的游标;没有新事件时为传入的游标(首次请求且没有事件时为null)",
        nullable = true, example = "MTI.5f0c2a7d1e3b4c5d6e7f8091a2b3c4d5") String nextCursor) {

  @Schema(name = "FilingChange", description = "一个事件")
  @JsonPropertyOrder({"cursor", "filingId", "requestNo", "event", "status", "returnReason", "verifier", "at"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(
      @Schema(description = "此事件的游标:从它之后继续", example = "MTI.5f0c2a7d1e3b4c5d6e7f8091a2b3c4d5") String cursor,
      @Schema(description = "备案申请ID", example = "0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50") String filingId,
      @Schema(description = "接入商的申请编号", example = "ALIYUN-20261122-0001") String requestNo,
      @Schema(description = "事件", example = "verifier.verified", allowableValues = {"filing.status_changed",
          "verifier.sms_sent", "verifier.sms_delivered", "verifier.sms_undeliverable", "verifier.verified",
          "verifier.failed", "verifier.expired"}) String event,
      @Schema(description = "事件发生后申请的状态", example = "VERIFYING",
          allowableValues = {"VERIFYING", "UNDER_REVIEW", "APPROVED", "REJECTED", "RETURNED", "WITHDRAWN"}) String status,
      @Schema(description = "退回原因(仅退回时的状态变更事件)", allowableValues = {"EXPIRED", "VERIFICATION_FAILED"})
      String returnReason,
      @Schema(description = "相关核验人(仅 verifier.* 事件;status 为事件发生后此人的核验状态)") ProviderEvent.Person verifier,
      @Schema(description = "事件时间(北京时间)", example = "2026-11-22T15:04:05.123+08:00") String at) {}
}
