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
    String quorum,
    Instant submittedAt,
    Instant verificationStartedAt,
    Instant verificationDeadline,
    Instant autoResendAt,
    ReturnReason returnReason,
    String reviewDecision,
    String reviewComment,
    String reviewedBy,
    Instant closedAt) {}
