package cn.beian.verify.verification;

import java.time.Instant;
import java.util.List;

/** One SMS verification of a request: one phone, covering every role that phone holds. */
public record Verifier(
    String id, String filingId, List<String> roles, String nameEnc, String nameMasked, String phoneHash,
    String phoneEnc, String phoneMasked, String idSuffixHash, VerifierStatus status, int failedAttempts,
    int manualResends, boolean autoResent, Instant firstSentAt, Instant lastSentAt, Instant verifiedAt,
    String taskId, String executionId, Instant createdAt) {

  /** a verifier built component by component, each by its name: 19 in a row are unreadable */
  public static Builder builder() {
    return new Builder();
  }

  /** what is not set stays null (false, 0) */
  public static final class Builder {
    private String id;
    private String filingId;
    private List<String> roles;
    private String nameEnc;
    private String nameMasked;
    private String phoneHash;
    private String phoneEnc;
    private String phoneMasked;
    private String idSuffixHash;
    private VerifierStatus status;
    private int failedAttempts;
    private int manualResends;
    private boolean autoResent;
    private Instant firstSentAt;
    private Instant lastSentAt;
    private Instant verifiedAt;
    private String taskId;
    private String executionId;
    private Instant createdAt;

    private Builder() {}

    public Builder id(String id) { this.id = id; return this; }
    public Builder filingId(String filingId) { this.filingId = filingId; return this; }
    public Builder roles(List<String> roles) { this.roles = roles; return this; }
    public Builder nameEnc(String nameEnc) { this.nameEnc = nameEnc; return this; }
    public Builder nameMasked(String nameMasked) { this.nameMasked = nameMasked; return this; }
    public Builder phoneHash(String phoneHash) { this.phoneHash = phoneHash; return this; }
    public Builder phoneEnc(String phoneEnc) { this.phoneEnc = phoneEnc; return this; }
    public Builder phoneMasked(String phoneMasked) { this.phoneMasked = phoneMasked; return this; }
    public Builder idSuffixHash(String idSuffixHash) { this.idSuffixHash = idSuffixHash; return this; }
    public Builder status(VerifierStatus status) { this.status = status; return this; }
    public Builder failedAttempts(int failedAttempts) { this.failedAttempts = failedAttempts; return this; }
    public Builder manualResends(int manualResends) { this.manualResends = manualResends; return this; }
    public Builder autoResent(boolean autoResent) { this.autoResent = autoResent; return this; }
    public Builder firstSentAt(Instant firstSentAt) { this.firstSentAt = firstSentAt; return this; }
    public Builder lastSentAt(Instant lastSentAt) { this.lastSentAt = lastSentAt; return this; }
    public Builder verifiedAt(Instant verifiedAt) { this.verifiedAt = verifiedAt; return this; }
    public Builder taskId(String taskId) { this.taskId = taskId; return this; }
    public Builder executionId(String executionId) { this.executionId = executionId; return this; }
    public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }

    public Verifier build() {
      return new Verifier(id, filingId, roles, nameEnc, nameMasked, phoneHash, phoneEnc, phoneMasked, idSuffixHash,
          status, failedAttempts, manualResends, autoResent, firstSentAt, lastSentAt, verifiedAt, taskId,
          executionId, createdAt);
    }
  }
}
