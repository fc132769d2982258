package cn.beian.verify.verification;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.filing.Quorum;
import cn.beian.verify.verification.SmsCodeRepository.CodeMatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checking codes (短信核验) and asking for resends (短信重发), docs/rules.md §5 and §6: the one service behind the
 * Tasklist verifier form and the public API. Inputs are already normalised (phone: 11 digits, code: 6 digits).
 */
@Service
public class VerificationService {
  private static final Logger LOG = LoggerFactory.getLogger(VerificationService.class);

  private final VerifierRepository verifiers;
  private final SmsCodeRepository codes;
  private final FilingRepository filings;
  private final FailedAttempts failedAttempts;
  private final PersonalDataHashes hashes;
  private final VerificationProcessPort process;
  private final VerificationProperties properties;
  private final AttemptRules rules;
  private final Clock clock;

  public VerificationService(VerifierRepository verifiers, SmsCodeRepository codes, FilingRepository filings,
      FailedAttempts failedAttempts, PersonalDataHashes hashes, VerificationProcessPort process,
      VerificationProperties properties, Clock clock) {
    this.verifiers = verifiers;
    this.codes = codes;
    this.filings = filings;
    this.failedAttempts = failedAttempts;
    this.hashes = hashes;
    this.process = process;
    this.properties = properties;
    this.rules = AttemptRules.of(properties);
    this.clock = clock;
  }

  /** a check from the public API: every pending verification of the phone is a candidate; the process follows */
  @Transactional
  public CheckOutcome check(String phone, String code, String idLast6) {
    CheckOutcome outcome = evaluate(v -> true, phone, code, idLast6);
    // the verifiers were read in this check; their task is attached when it is created, before any code is sent
    if (outcome.verified()) {
      process.completeVerification(outcome.verifier());
    }
    for (Verifier failed : outcome.failedVerifiers()) {
      process.failVerification(failed, outcome.message());
    }
    return outcome;
  }

  /**
   * a check from the verifier's own task (Tasklist form): only that verification is a candidate, and the
   * caller completes or fails the task itself
   */
  @Transactional
  public CheckOutcome checkForVerifier(String verifierId, String phone, String code, String idLast6) {
    return evaluate(v -> v.id().equals(verifierId), phone, code, idLast6);
  }

  private CheckOutcome evaluate(Predicate<Verifier> scope, String phone, String code, String idLast6) {
    String codeHash = hashes.code(phone, code);
    List<Verifier> pending = verifiers.pendingByPhone(hashes.phone(phone), clock.instant()).stream().filter(scope).toList();
    Optional<CodeMatch> live = codes.find(codeHash, "LIVE").stream()
        .filter(m -> pending.stream().anyMatch(v -> v.id().equals(m.verifierId()))).findFirst();
    AttemptRules.Check check = rules.check(pending, live, () -> codes.find(codeHash, "USED").stream()
        .map(m -> verifiers.get(m.verifierId()))
        .filter(v -> v.status() == VerifierStatus.VERIFIED).filter(scope).findFirst(),
        hashes.idSuffix(phone, idLast6));
    if (check instanceof AttemptRules.Verify v) {
      return verify(v.verifier(), v.codeId());
    }
    if (check instanceof AttemptRules.WrongInfo w) {
      return failedAttempts.wrongInfo(w.verifier());
    }
    if (check instanceof AttemptRules.AlreadyVerified a) {
      return CheckOutcome.of(CheckResult.ALREADY_VERIFIED, a.verifier());
    }
    if (check instanceof AttemptRules.WrongCode w) {
      return failedAttempts.wrongCode(w.identified());
    }
    return CheckOutcome.of(CheckResult.NOT_FOUND, null);
  }

  private CheckOutcome verify(Verifier verifier, String codeId) {
    Instant now = clock.instant();
    Filing filing = filings.lock(verifier.filingId());
    if (!verifiers.transition(verifier.id(), VerifierStatus.PENDING, VerifierStatus.VERIFIED, now)) {
      Verifier current = verifiers.get(verifier.id());
      return CheckOutcome.of(current.status() == VerifierStatus.VERIFIED ? CheckResult.ALREADY_VERIFIED : CheckResult.NOT_FOUND,
          current);
    }
    codes.markUsed(codeId, now);
    filings.addEvent(filing.id(), verifier.id(), FilingEvent.VERIFIED, now, null);
    boolean complete = filing.quorum() == Quorum.ANY
        || verifiers.idsOfFiling(filing.id(), VerifierStatus.PENDING).isEmpty();
    return CheckOutcome.of(complete ? CheckResult.VERIFIED_COMPLETE : CheckResult.VERIFIED_PARTIAL, verifier);
  }

  /**
   * the failures a verifier may still make in its request (docs/rules.md §5), read as they are now: a failure is recorded
   * in a transaction of its own
   */
  @Transactional(readOnly = true)
  public int remainingAttempts(String verifierId) {
    return Math.max(0, properties.maxFailedAttempts() - verifiers.get(verifierId).failedAttempts());
  }

  /** 短信重发: a new code for every pending verification of the phone with that ID suffix, within the limit */
  @Transactional
  public ResendOutcome requestResend(String phone, String idLast6) {
    List<Verifier> pending = verifiers.pendingByPhone(hashes.phone(phone), clock.instant());
    AttemptRules.Resend resend = rules.resend(pending, hashes.idSuffix(phone, idLast6));
    if (resend instanceof AttemptRules.NothingPending) {
      return ResendOutcome.of(ResendResult.NOTHING_PENDING);
    }
    if (!(resend instanceof AttemptRules.Candidates candidates)) {
      return ResendOutcome.of(ResendResult.NOT_FOUND);
    }
    List<Verifier> matching = candidates.verifiers();
    // the limit is counted in one conditional update per verifier, so two resends at once never both pass it
    List<Verifier> counted = matching.stream()
        .filter(v -> verifiers.countManualResend(v.id(), properties.maxManualResends())).toList();
    if (counted.isEmpty()) {
      return ResendOutcome.of(ResendResult.RESEND_LIMIT);
    }
    Instant now = clock.instant();
    for (Verifier verifier : counted) {
      filings.addEvent(verifier.filingId(), verifier.id(), FilingEvent.RESEND_REQUESTED, now, null);
      process.requestResend(verifier);
    }
    LOG.info("Manual resend requested for {} verification(s) of {}", counted.size(), PhoneNumbers.mask(phone));
    return ResendOutcome.of(ResendResult.RESENT);
  }
}
