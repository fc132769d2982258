package cn.beian.verify.filing;

/** Request types of docs/rules.md §2. */
public enum FilingType {
  NEW_FILING, NEW_WEBSITE, NEW_ACCESS, CHANGE, CANCEL_ENTITY, CANCEL_WEBSITE, CANCEL_ACCESS, PHONE_CHANGE;

  /** whether the request carries a {@code change} section (docs/rules.md §2, docs/http-contract.md §1) */
  public boolean hasChangeSection() {
    return this == CHANGE || this == PHONE_CHANGE;
  }
}
