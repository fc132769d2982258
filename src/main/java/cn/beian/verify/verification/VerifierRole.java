package cn.beian.verify.verification;

/** Outputs of the VerifierRoles decision (docs/rules.md §2): whose phones must verify. */
public enum VerifierRole { ENTITY_PRINCIPAL, WEBSITE_PRINCIPALS, CHANGED_WEBSITE_PRINCIPALS }
