package cn.beian.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.filing.FilingType;
import cn.beian.verify.filing.Quorum;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/rules.md §2, §3 and §8 as they decide a request's way through verification and review, once. */
class VerificationRouteTest {

  @Test
  void shouldVerifyBeforeTheReviewWhenSomebodyMustVerify() {
    // when / then: every type but a phone change verifies first
    for (FilingType type : FilingType.values()) {
      if (type != FilingType.PHONE_CHANGE) {
        assertThat(VerificationRoute.of(type, true, 2)).as(type.name()).isEqualTo(VerificationRoute.VERIFY_THEN_REVIEW);
      }
    }
  }

  @Test
  void shouldReviewAPhoneNumberChangeBeforeVerifyingItsNewNumber() {
    assertThat(VerificationRoute.of(FilingType.PHONE_CHANGE, true, 1)).isEqualTo(VerificationRoute.REVIEW_THEN_VERIFY);
  }

  @Test
  void shouldOnlyReviewWhenNobodyMustVerify() {
    // e.g. 取消接入, or a change of the remarks only: no rule matched
    assertThat(VerificationRoute.of(FilingType.CANCEL_ACCESS, true, 0)).isEqualTo(VerificationRoute.REVIEW_ONLY);
    assertThat(VerificationRoute.of(FilingType.PHONE_CHANGE, true, 0)).isEqualTo(VerificationRoute.REVIEW_ONLY);
  }

  @Test
  void shouldOnlyReviewOutsideTheRolloutWhoeverWouldHaveToVerify() {
    assertThat(VerificationRoute.of(FilingType.NEW_FILING, false, 2)).isEqualTo(VerificationRoute.REVIEW_ONLY);
    assertThat(VerificationRoute.of(FilingType.PHONE_CHANGE, false, 1)).isEqualTo(VerificationRoute.REVIEW_ONLY);
  }

  @Test
  void shouldNeedOneVerificationOnlyWhenOneRoleSaysAnyOfItsVerifiersIsEnough() {
    // 注销网站: entity principal or website principal, "有一个验证通过即可"
    assertThat(Quorum.of(List.of(Quorum.ANY, Quorum.ANY))).isEqualTo(Quorum.ANY);
    assertThat(Quorum.of(List.of(Quorum.ALL, Quorum.ANY))).isEqualTo(Quorum.ANY);
    // every other type: all of them
    assertThat(Quorum.of(List.of(Quorum.ALL, Quorum.ALL))).isEqualTo(Quorum.ALL);
    // and a request nobody verifies has the default
    assertThat(Quorum.of(List.of())).isEqualTo(Quorum.ALL);
  }
}
