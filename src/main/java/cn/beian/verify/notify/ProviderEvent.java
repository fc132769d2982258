package cn.beian.verify.notify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One event of the access providers' contract as it happens, in the transaction of the change: written to the change
 * feed, and to the callback outbox when the provider registered a callback and chose the event.
 *
 * @param status the request's status after the event
 * @param returnReason set when a status change returns the request
 * @param verifier the person of a {@code verifier.*} event (masked), null for a status change
 */
public record ProviderEvent(String providerId, String filingId, String requestNo, String event, String status,
    String returnReason, String verifierId, Person verifier, Instant at) {

  /** a verifier as the provider sees it: roles, masked name, masked phone, the person's status after the event */
  @Schema(name = "CallbackVerifier", description = "核验人(姓名和手机号码已脱敏)")
  @JsonPropertyOrder({"roles", "name", "phone", "status"})
  public record Person(
      @Schema(example = "[\"ENTITY_PRINCIPAL\"]") List<String> roles,
      @Schema(example = "张*") String name,
      @Schema(example = "138****8000") String phone,
      @Schema(allowableValues = {"PENDING", "VERIFIED", "FAILED", "EXPIRED", "CANCELLED"}) String status) {}

  public boolean perPerson() {
    return verifier != null;
  }
}
