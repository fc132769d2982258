package cn.beian.verify.filing;

/** A person of a stored request: keyed hashes for lookups, ciphertexts, and masked forms for views. */
public record StoredPerson(
    String id, String filingId, PersonRole role, String websiteRef, String websiteDomain, boolean websiteChanged,
    String nameEnc, String nameMasked, String phoneHash, String phoneEnc, String phoneMasked,
    String idType, String idNumberEnc, String idSuffixHash, String verifierId) {}
