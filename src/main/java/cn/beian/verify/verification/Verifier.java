package cn.beian.verify.verification;

import java.time.Instant;
import java.util.List;

/** One SMS verification of a request: one phone, covering every role that phone holds. */
public record Verifier(
    String id, String filingId, List<String> roles, String nameEnc, String nameMasked, String phoneHash,
    String phoneEnc, String phoneMasked, String idSuffixHash, VerifierStatus status, int failedAttempts,
    int manualResends, boolean autoResent, Instant firstSentAt, Instant lastSentAt, Instant verifiedAt,
    String taskId, String executionId, Instant createdAt) {}
