package cn.beian.verify.verification;

import cn.beian.verify.filing.Quorum;

/** What a request's verification will be: its route, how many must verify, and how many verifications it has. */
public record VerificationPlan(VerificationRoute route, Quorum quorum, int verifiers) {}
