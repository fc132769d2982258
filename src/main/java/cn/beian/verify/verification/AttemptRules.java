package cn.beian.verify.verification;

import cn.beian.verify.verification.SmsCodeRepository.CodeMatch;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The counting rules of checking and resending (docs/rules.md §5, §6) as plain decisions on what a check or a resend
 * request found; VerificationService, FailedAttempts and the repositories carry them out. Verifiers are matched by
 * their keyed hashes, so a decision needs no personal data.
 */
public final class AttemptRules {
  private final int maxChecksPerCode;
  private final int maxFailedAttempts;

  public AttemptRules(int maxChecksPerCode, int maxFailedAttempts) {
    this.maxChecksPerCode = maxChecksPerCode;
    this.maxFailedAttempts = maxFailedAttempts;
  }

  static AttemptRules of(VerificationProperties properties) {
    return new AttemptRules(properties.maxChecksPerCode(), properties.maxFailedAttempts());
  }

  /** what a check amounts to, before anything is counted */
  public sealed interface Check {}

  /** (phone, code) matched a live code and the ID suffix is right */
  public record Verify(Verifier verifier, String codeId) implements Check {}

  /** (phone, code) matched a live code but the ID suffix is wrong: one failure of that verifier, the code not worn */
  public record WrongInfo(Verifier verifier) implements Check {}

  /** the code was used by a verification already done */
  public record AlreadyVerified(Verifier verifier) implements Check {}

  /**
   * no live code matched, but the phone and the ID suffix identify these pending verifiers (one per request of
   * that phone): one failure of each, and a wrong check on each one's live code
   */
  public record WrongCode(List<Verifier> identified) implements Check {}

  /** neither the code nor the ID suffix identifies anyone: counts against nobody (§5, revised 2026-11-30) */
  public record NotFound() implements Check {}

  /**
   * @param pending the phone's pending verifiers the check may concern
   * @param live the live code (phone, code) matched among them, if any
   * @param alreadyVerified the verification done with that code, asked for only when no live code matched
   * @param suffixHash the keyed hash of the ID suffix the person typed
   */
  public Check check(List<Verifier> pending, Optional<CodeMatch> live, Supplier<Optional<Verifier>> alreadyVerified,
      String suffixHash) {
    if (live.isPresent()) {
      Verifier verifier = pending.stream().filter(v -> v.id().equals(live.get().verifierId())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("the live code belongs to none of the pending verifiers"));
      return verifier.idSuffixHash().equals(suffixHash) ? new Verify(verifier, live.get().codeId())
          : new WrongInfo(verifier);
    }
    Optional<Verifier> done = alreadyVerified.get();
    if (done.isPresent()) {
      return new AlreadyVerified(done.get());
    }
    // a wrong or dead code counts only where the ID suffix identifies the verifier; with both wrong the check
    // identifies nobody, so a phone number alone cannot fail anyone's request
    List<Verifier> identified = pending.stream().filter(v -> v.idSuffixHash().equals(suffixHash)).toList();
    return identified.isEmpty() ? new NotFound() : new WrongCode(identified);
  }

  /** @param failedAttempts the verifier's failures in its request so far, this one included, over all its codes */
  public boolean failsVerifier(int failedAttempts) {
    return failedAttempts >= maxFailedAttempts;
  }

  /** @param wrongChecks the wrong-code checks of one code, this one included */
  public boolean killsCode(int wrongChecks) {
    return wrongChecks >= maxChecksPerCode;
  }

  /** what a resend request amounts to, before the manual limit is counted */
  public sealed interface Resend {}

  /** the phone has no pending verification */
  public record NothingPending() implements Resend {}

  /** the phone has pending verifications, none with that ID suffix */
  public record NoneWithSuffix() implements Resend {}

  /** these verifiers asked for a new code, each within its own manual limit or not */
  public record Candidates(List<Verifier> verifiers) implements Resend {}

  public Resend resend(List<Verifier> pending, String suffixHash) {
    if (pending.isEmpty()) {
      return new NothingPending();
    }
    List<Verifier> matching = pending.stream().filter(v -> v.idSuffixHash().equals(suffixHash)).toList();
    return matching.isEmpty() ? new NoneWithSuffix() : new Candidates(matching);
  }
}
