package cn.beian.verify.filing;

/** Status of a request as the access provider sees it (docs/http-contract.md §1). */
public enum FilingStatus {
  VERIFYING, UNDER_REVIEW, APPROVED, REJECTED, RETURNED, WITHDRAWN;

  public boolean isOpen() {
    return this == VERIFYING || this == UNDER_REVIEW;
  }
}
