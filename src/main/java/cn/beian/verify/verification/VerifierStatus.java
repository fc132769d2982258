package cn.beian.verify.verification;

/** Status of one person's SMS verification (docs/http-contract.md §1). */
public enum VerifierStatus { PENDING, VERIFIED, FAILED, EXPIRED, CANCELLED }
