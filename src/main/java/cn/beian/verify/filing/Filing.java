package cn.beian.verify.filing;

import java.time.Instant;

/** A stored filing request (personal data stays encrypted in the row and is not part of this view). */
public record Filing(
    String id,
    String providerId,
    String requestNo,
    String requestHash,
    FilingType type,
    String province,
    ServiceType serviceType,
    boolean entityChanged,
    boolean websitesChanged,
    boolean remarksOnly,
    FilingStatus status,
    Quorum quorum,
    Instant submittedAt,
    Instant verificationStartedAt,
    Instant verificationDeadline,
    Instant autoResendAt,
    ReturnReason returnReason,
    String reviewDecision,
    String reviewComment,
    String reviewedBy,
    Instant closedAt) {

  /** a filing built component by component, each by its name: 21 in a row are unreadable */
  public static Builder builder() {
    return new Builder();
  }

  /** what is not set stays null (false, 0) */
  public static final class Builder {
    private String id;
    private String providerId;
    private String requestNo;
    private String requestHash;
    private FilingType type;
    private String province;
    private ServiceType serviceType;
    private boolean entityChanged;
    private boolean websitesChanged;
    private boolean remarksOnly;
    private FilingStatus status;
    private Quorum quorum;
    private Instant submittedAt;
    private Instant verificationStartedAt;
    private Instant verificationDeadline;
    private Instant autoResendAt;
    private ReturnReason returnReason;
    private String reviewDecision;
    private String reviewComment;
    private String reviewedBy;
    private Instant closedAt;

    private Builder() {}

    public Builder id(String id) { this.id = id; return this; }
    public Builder providerId(String providerId) { this.providerId = providerId; return this; }
    public Builder requestNo(String requestNo) { this.requestNo = requestNo; return this; }
    public Builder requestHash(String requestHash) { this.requestHash = requestHash; return this; }
    public Builder type(FilingType type) { this.type = type; return this; }
    public Builder province(String province) { this.province = province; return this; }
    public Builder serviceType(ServiceType serviceType) { this.serviceType = serviceType; return this; }
    public Builder entityChanged(boolean entityChanged) { this.entityChanged = entityChanged; return this; }
    public Builder websitesChanged(boolean websitesChanged) { this.websitesChanged = websitesChanged; return this; }
    public Builder remarksOnly(boolean remarksOnly) { this.remarksOnly = remarksOnly; return this; }
    public Builder status(FilingStatus status) { this.status = status; return this; }
    public Builder quorum(Quorum quorum) { this.quorum = quorum; return this; }
    public Builder submittedAt(Instant submittedAt) { this.submittedAt = submittedAt; return this; }
    public Builder verificationStartedAt(Instant verificationStartedAt) { this.verificationStartedAt = verificationStartedAt; return this; }
    public Builder verificationDeadline(Instant verificationDeadline) { this.verificationDeadline = verificationDeadline; return this; }
    public Builder autoResendAt(Instant autoResendAt) { this.autoResendAt = autoResendAt; return this; }
    public Builder returnReason(ReturnReason returnReason) { this.returnReason = returnReason; return this; }
    public Builder reviewDecision(String reviewDecision) { this.reviewDecision = reviewDecision; return this; }
    public Builder reviewComment(String reviewComment) { this.reviewComment = reviewComment; return this; }
    public Builder reviewedBy(String reviewedBy) { this.reviewedBy = reviewedBy; return this; }
    public Builder closedAt(Instant closedAt) { this.closedAt = closedAt; return this; }

    public Filing build() {
      return new Filing(id, providerId, requestNo, requestHash, type, province, serviceType, entityChanged,
          websitesChanged, remarksOnly, status, quorum, submittedAt, verificationStartedAt, verificationDeadline,
          autoResendAt, returnReason, reviewDecision, reviewComment, reviewedBy, closedAt);
    }
  }
}
