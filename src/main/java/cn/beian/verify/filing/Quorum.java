package cn.beian.verify.filing;

import java.util.Collection;

/** How many of a request's verifiers must verify (docs/rules.md §2): every one, or any one. */
public enum Quorum {
  ALL,
  /** 注销网站: "有一个验证通过即可" */
  ANY;

  /**
   * The request's quorum from the quorums of the roles that must verify: one role that needs only one of its
   * verifiers (a website cancellation) makes one verification enough for the whole request; without any, ALL.
   */
  public static Quorum of(Collection<Quorum> ofRoles) {
    return ofRoles.contains(ANY) ? ANY : ALL;
  }
}
