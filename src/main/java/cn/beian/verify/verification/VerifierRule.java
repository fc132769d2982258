package cn.beian.verify.verification;

import cn.beian.verify.filing.Quorum;

/** One row of the VerifierRoles decision (docs/rules.md §2) that applies to a request: whose phones verify, and how many. */
public record VerifierRule(VerifierRole role, Quorum quorum) {}
