package cn.beian.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.beian.verify.verification.AttemptRules.AlreadyVerified;
import cn.beian.verify.verification.AttemptRules.Candidates;
import cn.beian.verify.verification.AttemptRules.NoneWithSuffix;
import cn.beian.verify.verification.AttemptRules.NotFound;
import cn.beian.verify.verification.AttemptRules.NothingPending;
import cn.beian.verify.verification.AttemptRules.Verify;
import cn.beian.verify.verification.AttemptRules.WrongCode;
import cn.beian.verify.verification.AttemptRules.WrongInfo;
import cn.beian.verify.verification.SmsCodeRepository.CodeMatch;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The counting rules of docs/rules.md §5 and §6, without a database, Spring or the engine. */
class AttemptRulesTest {
  /** the spec's limits: 3 wrong checks per code, 5 failures per verifier and request */
  private final AttemptRules rules = new AttemptRules(3, 5);

  // one phone, pending in two requests: the same person (suffix 31002X) in both, and someone else in a third
  private final Verifier inFirst = verifier("v1", "filing-1", "suffix-31002X");
  private final Verifier inSecond = verifier("v2", "filing-2", "suffix-31002X");
  private final Verifier other = verifier("v3", "filing-3", "suffix-888888");
  private final List<Verifier> pending = List.of(inFirst, inSecond, other);

  @Test
  void shouldVerifyWhenTheLiveCodeAndTheIdSuffixMatch() {
    // given the code is v1's live code; when the right suffix comes with it
    var check = rules.check(pending, live("code-1", inFirst), nothingUsed(), "suffix-31002X");

    // then v1 verifies with that code
    assertThat(check).isEqualTo(new Verify(inFirst, "code-1"));
  }

  @Test
  void shouldCountAWrongSuffixAgainstTheCodesVerifierOnly() {
    // given v1's live code with another suffix
    var check = rules.check(pending, live("code-1", inFirst), nothingUsed(), "suffix-000000");

    // then one failure of v1 (WRONG_INFO), which does not wear out the code, and nothing against anyone else
    assertThat(check).isEqualTo(new WrongInfo(inFirst));
  }

  @Test
  void shouldAnswerAlreadyVerifiedForACodeAVerificationUsed() {
    // given no live code matches, but the code was used by a verification that is done
    Verifier done = verifier("v9", "filing-9", "suffix-31002X");

    // when / then
    assertThat(rules.check(pending, Optional.empty(), () -> Optional.of(done), "suffix-000000"))
        .isEqualTo(new AlreadyVerified(done));
  }

  @Test
  void shouldCountAWrongOrDeadCodeAgainstEveryPendingRequestTheSuffixIdentifies() {
    // given no live code matches; when the suffix is v1's and v2's (the same person in two requests)
    var check = rules.check(pending, Optional.empty(), nothingUsed(), "suffix-31002X");

    // then one failure and one wrong check on the code in each of those requests, none for the other person
    assertThat(check).isEqualTo(new WrongCode(List.of(inFirst, inSecond)));
  }

  @Test
  void shouldCountACheckWithCodeAndSuffixBothWrongAgainstNobody() {
    // given a stranger who knows the phone number only (docs/rules.md §5, revised 2026-11-30)
    var check = rules.check(pending, Optional.empty(), nothingUsed(), "suffix-000000");

    // then NOT_FOUND, and no request of that phone comes closer to being returned
    assertThat(check).isEqualTo(new NotFound());
  }

  @Test
  void shouldLookForAUsedCodeOnlyWhenNoLiveCodeMatched() {
    // a live match decides; the used codes are not even read
    Supplier<Optional<Verifier>> mustNotBeAsked = () -> fail("asked for a used code although a live one matched");
    assertThat(rules.check(pending, live("code-1", inFirst), mustNotBeAsked, "suffix-31002X")).isInstanceOf(Verify.class);
  }

  @Test
  void shouldFailTheVerifierAtItsFifthFailureOverAllItsCodes() {
    // given failures counted per verifier and request: a new code does not reset them (3 with the first code, then
    // 2 with a resent one)
    int withFirstCode = 3;
    int withResentCode = 2;

    // when / then the 4th failure leaves the verifier pending, the 5th fails it (and with it the request)
    assertThat(rules.failsVerifier(withFirstCode + withResentCode - 1)).isFalse();
    assertThat(rules.failsVerifier(withFirstCode + withResentCode)).isTrue();
  }

  @Test
  void shouldKillACodeAtItsThirdWrongCheck() {
    // a code survives two wrong checks; the third kills it (a dead code then answers NOT_FOUND)
    assertThat(rules.killsCode(1)).isFalse();
    assertThat(rules.killsCode(2)).isFalse();
    assertThat(rules.killsCode(3)).isTrue();
  }

  @Test
  void shouldApplyConfiguredLimits() {
    // given an operator's stricter limits: 1 wrong check per code, 2 failures per verifier
    AttemptRules strict = new AttemptRules(1, 2);

    // when / then
    assertThat(strict.killsCode(1)).isTrue();
    assertThat(strict.failsVerifier(1)).isFalse();
    assertThat(strict.failsVerifier(2)).isTrue();
  }

  @Test
  void shouldResendOnlyToThePendingVerifiersTheSuffixIdentifies() {
    // docs/rules.md §6: nothing pending, pending but another suffix, and the person's own verifications
    assertThat(rules.resend(List.of(), "suffix-31002X")).isEqualTo(new NothingPending());
    assertThat(rules.resend(pending, "suffix-000000")).isEqualTo(new NoneWithSuffix());
    assertThat(rules.resend(pending, "suffix-31002X")).isEqualTo(new Candidates(List.of(inFirst, inSecond)));
  }

  private static Optional<CodeMatch> live(String codeId, Verifier owner) {
    return Optional.of(new CodeMatch(codeId, owner.id()));
  }

  private static Supplier<Optional<Verifier>> nothingUsed() {
    return Optional::empty;
  }

  private static Verifier verifier(String id, String filingId, String idSuffixHash) {
    return new Verifier(id, filingId, List.of("ENTITY_PRINCIPAL"), "name-enc", "张*", "phone-hash", "phone-enc",
        "138****8000", idSuffixHash, VerifierStatus.PENDING, 0, 0, false, null, null, null, null, null, null);
  }
}
