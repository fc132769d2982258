package cn.beian.verify.kernel;

import java.util.Locale;
import org.springframework.stereotype.Component;

/** The keyed hashes by which phones, codes and ID suffixes are looked up without being stored. */
@Component
public class PersonalDataHashes {
  private final KeyedHasher hasher;

  public PersonalDataHashes(KeyedHasher hasher) {
    this.hasher = hasher;
  }

  public String phone(String normalizedPhone) {
    return hasher.hash(HashDomains.PHONE, normalizedPhone);
  }

  /** (phone, code) is the lookup key of a check (docs/rules.md §5) */
  public String code(String normalizedPhone, String code) {
    return hasher.hash(HashDomains.CODE, normalizedPhone, code);
  }

  /** compared case-insensitively: x matches X */
  public String idSuffix(String normalizedPhone, String last6) {
    return hasher.hash(HashDomains.ID_SUFFIX, normalizedPhone, last6.trim().toUpperCase(Locale.ROOT));
  }

  public String linkToken(String token) {
    return hasher.hash(HashDomains.LINK_TOKEN, token);
  }
}
