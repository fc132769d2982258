package cn.beian.verify.verification;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.PersonRepository;
import cn.beian.verify.filing.PersonRole;
import cn.beian.verify.filing.Quorum;
import cn.beian.verify.filing.StoredPerson;
import cn.beian.verify.verification.SmsCodeRepository.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the verification process does to a request's verifications: who verifies, the window, sending and
 * resending codes, and closing the verifications when the process decides. Each step is safe to repeat.
 */
@Service
@Transactional
public class VerificationLifecycle {
  private final FilingRepository filings;
  private final PersonRepository persons;
  private final VerifierRepository verifiers;
  private final SmsCodeRepository codes;
  private final CodeIssuer issuer;
  private final VerificationProperties properties;
  private final Clock clock;

  public VerificationLifecycle(FilingRepository filings, PersonRepository persons, VerifierRepository verifiers,
      SmsCodeRepository codes, CodeIssuer issuer, VerificationProperties properties, Clock clock) {
    this.filings = filings;
    this.persons = persons;
    this.verifiers = verifiers;
    this.codes = codes;
    this.issuer = issuer;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Decides a request's verification once (docs/rules.md §2, §3, §8): the verifications it needs, deduplicated by phone,
   * the quorum of the rules that apply, and so its route. Nobody to verify, or a request outside the rollout, goes
   * to review only; a phone number change is reviewed before its new number is verified. Safe to repeat.
   *
   * @param rolloutApplies the SmsVerificationRollout decision: SMS verification applies to the request's province
   *     and date (when it does not, the VerifierRoles decision was not even asked)
   * @param rules the VerifierRoles decision's rows for the request
   */
  public VerificationPlan plan(String filingId, boolean rolloutApplies, List<VerifierRule> rules) {
    Quorum quorum = Quorum.of(rules.stream().map(VerifierRule::quorum).toList());
    Set<VerifierRole> roles = EnumSet.noneOf(VerifierRole.class);
    rules.forEach(rule -> roles.add(rule.role()));
    int verifiers = rolloutApplies ? resolveVerifiers(filingId, roles, quorum) : 0;
    return new VerificationPlan(VerificationRoute.of(filings.get(filingId).type(), rolloutApplies, verifiers), quorum,
        verifiers);
  }

  /**
   * Creates one verification per distinct phone among the persons holding the given roles (docs/rules.md §2:
   * same phone, one verification, counting for every role it covers).
   *
   * @return how many verifications the request needs
   */
  private int resolveVerifiers(String filingId, Set<VerifierRole> roles, Quorum quorum) {
    List<Verifier> existing = verifiers.ofFiling(filingId);
    if (!existing.isEmpty()) {
      return existing.size();
    }
    Filing filing = filings.get(filingId);
    filings.updateQuorum(filingId, quorum);
    Map<String, List<StoredPerson>> byPhone = new LinkedHashMap<>();
    for (StoredPerson person : persons.ofFiling(filingId)) {
      if (mustVerify(person, roles)) {
        byPhone.computeIfAbsent(person.phoneHash(), p -> new ArrayList<>()).add(person);
      }
    }
    Instant now = clock.instant();
    for (List<StoredPerson> holders : byPhone.values()) {
      StoredPerson first = holders.get(0);
      Verifier verifier = Verifier.builder().id(UUID.randomUUID().toString()).filingId(filing.id())
          .roles(holders.stream().map(p -> p.role().name()).distinct().toList())
          .nameEnc(first.nameEnc()).nameMasked(first.nameMasked()).phoneHash(first.phoneHash())
          .phoneEnc(first.phoneEnc()).phoneMasked(first.phoneMasked()).idSuffixHash(first.idSuffixHash())
          .status(VerifierStatus.PENDING).createdAt(now).build();
      verifiers.insert(verifier);
      holders.forEach(p -> persons.assignVerifier(p.id(), verifier.id()));
    }
    return byPhone.size();
  }

  private static boolean mustVerify(StoredPerson person, Set<VerifierRole> roles) {
    if (person.role() == PersonRole.ENTITY_PRINCIPAL) {
      return roles.contains(VerifierRole.ENTITY_PRINCIPAL);
    }
    return roles.contains(VerifierRole.WEBSITE_PRINCIPALS)
        || (roles.contains(VerifierRole.CHANGED_WEBSITE_PRINCIPALS) && person.websiteChanged());
  }

  /**
   * The request is in verification (VERIFYING: from its submission, or after the approval of a phone change) and its
   * window starts as the codes go out (docs/rules.md §4); resends never move it
   */
  public void openWindow(String filingId) {
    filings.updateStatus(filingId, FilingStatus.VERIFYING);
    Filing filing = filings.get(filingId);
    if (filing.verificationDeadline() != null) {
      return;
    }
    Instant start = clock.instant();
    filings.openWindow(filingId, start, VerificationSchedule.deadline(start, properties.window()),
        VerificationSchedule.autoResendAt(start, properties.autoResendTime(), properties.zone()));
  }

  public List<String> pendingVerifierIds(String filingId) {
    return verifiers.idsOfFiling(filingId, VerifierStatus.PENDING);
  }

  public void attachTask(String verifierId, String taskId, String executionId) {
    verifiers.attachTask(verifierId, taskId, executionId);
  }

  /**
   * the first code, issued with the verifier's task in one transaction (the SMS leaves from the outbox after it
   * commits); a verifier that already has a code gets none again, e.g. when an operator restarts the activity
   */
  public void sendFirstCode(String verifierId) {
    Verifier verifier = verifiers.get(verifierId);
    if (verifier.status() != VerifierStatus.PENDING || codes.hasAny(verifierId)) {
      return;
    }
    issuer.issue(verifier, Reason.FIRST);
    filings.addEvent(verifier.filingId(), verifierId, FilingEvent.SMS_SENT, clock.instant(), verifier.phoneMasked());
  }

  /** docs/rules.md §6: once, at noon Beijing the day after the first send, while the window is open */
  public void autoResend(String verifierId) {
    Verifier verifier = verifiers.get(verifierId);
    Filing filing = filings.get(verifier.filingId());
    if (!VerificationSchedule.isOpen(clock.instant(), filing.verificationDeadline())
        || !verifiers.markAutoResent(verifierId)) {
      return;
    }
    issuer.issue(verifier, Reason.AUTO_RESEND);
    filings.addEvent(verifier.filingId(), verifierId, FilingEvent.SMS_RESENT, clock.instant(), "AUTO");
  }

  /** the resend a person asked for (already counted against the limit when it was asked for) */
  public void manualResend(String verifierId) {
    Verifier verifier = verifiers.get(verifierId);
    Filing filing = filings.get(verifier.filingId());
    if (verifier.status() != VerifierStatus.PENDING
        || !VerificationSchedule.isOpen(clock.instant(), filing.verificationDeadline())) {
      return;
    }
    issuer.issue(verifier, Reason.MANUAL_RESEND);
    filings.addEvent(verifier.filingId(), verifierId, FilingEvent.SMS_RESENT, clock.instant(), "MANUAL");
  }

  /** the window closed with verifications pending (docs/rules.md §4) */
  public void expire(String filingId) {
    close(filingId, VerifierStatus.EXPIRED, FilingEvent.EXPIRED);
  }

  /**
   * the verification is over before everyone verified: all required verified with an ANY quorum, one verifier
   * failed (docs/rules.md §5: every other code dies at once), or the request was withdrawn
   */
  public void cancelPending(String filingId) {
    close(filingId, VerifierStatus.CANCELLED, null);
  }

  private void close(String filingId, VerifierStatus to, String event) {
    Instant now = clock.instant();
    codes.killLiveOfFiling(filingId, now);
    if (event != null) {
      for (String verifierId : verifiers.idsOfFiling(filingId, VerifierStatus.PENDING)) {
        filings.addEvent(filingId, verifierId, event, now, null);
      }
    }
    verifiers.transitionAll(filingId, VerifierStatus.PENDING, to);
  }
}
