package cn.beian.verify.filing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A request as its access provider sees it (docs/http-contract.md §1): masked persons, Beijing times. */
@Schema(description = "备案申请的当前状态、待核验人及处理轨迹")
public record FilingView(
    @Schema(description = "备案申请ID", example = "0b7c4f0e-5d0a-4d7b-9a53-1f1d2c3e4f50") String filingId,
    @Schema(description = "接入商的申请编号(幂等键)", example = "ALIYUN-20261122-0001") String requestNo,
    @Schema(description = "申请类型", example = "NEW_FILING") String type,
    @Schema(description = "省份代码(ISO 3166-2:CN)", example = "CN-GS") String province,
    @Schema(description = "申请状态", example = "VERIFYING",
        allowableValues = {"VERIFYING", "UNDER_REVIEW", "APPROVED", "REJECTED", "RETURNED", "WITHDRAWN"}) String status,
    @Schema(description = "短信核验截止时间(北京时间)", example = "2026-11-23T15:04:05+08:00", nullable = true)
    String verificationDeadline,
    @Schema(description = "待核验人(每个手机号码一人)") List<Verifier> verifiers,
    @Schema(description = "退回原因", nullable = true, allowableValues = {"EXPIRED", "VERIFICATION_FAILED"})
    String returnReason,
    @Schema(description = "管局审核结论", nullable = true, allowableValues = {"APPROVED", "REJECTED"}) String reviewDecision,
    @Schema(description = "管局审核意见", nullable = true, example = "材料齐全") String reviewComment,
    @Schema(description = "处理轨迹,按时间先后") List<HistoryEntry> history) {

  @Schema(name = "FilingVerifier", description = "一位待核验人(姓名和手机号码已脱敏)")
  public record Verifier(
      @Schema(description = "此人在申请中的角色", example = "[\"ENTITY_PRINCIPAL\"]") List<String> roles,
      @Schema(description = "姓名(脱敏)", example = "张*") String name,
      @Schema(description = "手机号码(脱敏)", example = "138****8000") String phone,
      @Schema(description = "核验状态", example = "PENDING",
          allowableValues = {"PENDING", "VERIFIED", "FAILED", "EXPIRED", "CANCELLED"}) String status,
      @Schema(description = "本申请中核验失败的次数", example = "0") int failedAttempts,
      @Schema(description = "本申请中人工重发短信的次数", example = "0") int manualResends,
      @Schema(description = "核验通过时间(北京时间)", nullable = true, example = "2026-11-22T16:20:00+08:00")
      String verifiedAt) {}

  @Schema(name = "FilingHistoryEntry", description = "处理轨迹中的一条记录")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HistoryEntry(
      @Schema(description = "发生时间(北京时间)", example = "2026-11-22T15:04:05+08:00") String at,
      @Schema(description = "事件", example = "SMS_SENT", allowableValues = {"SUBMITTED", "SMS_SENT", "SMS_RESENT",
          "RESEND_REQUESTED", "VERIFIED", "ATTEMPT_FAILED", "FAILED", "EXPIRED", "RETURNED", "UNDER_REVIEW", "REVIEWED",
          "APPROVED", "WITHDRAWN"}) String event,
      @Schema(description = "相关待核验人的手机号码(脱敏),仅针对单个待核验人的事件", example = "138****8000")
      String phone) {}
}
