package cn.beian.verify.review;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingType;
import cn.beian.verify.filing.PersonRepository;
import cn.beian.verify.filing.PersonRole;
import cn.beian.verify.filing.StoredPerson;
import cn.beian.verify.kernel.BusinessZone;
import cn.beian.verify.kernel.IdNumbers;
import cn.beian.verify.kernel.IdType;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.Provinces;
import cn.beian.verify.kernel.Texts;
import cn.beian.verify.verification.VerificationProperties;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import cn.beian.verify.verification.VerificationLifecycle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The bureau's review (docs/rules.md §8): what the reviewer sees, and what the decision does to the request. */
@Service
@Transactional
public class ReviewService {
  private final FilingRepository filings;
  private final PersonRepository persons;
  private final VerifierRepository verifiers;
  private final VerificationLifecycle verifications;
  private final PersonalDataCipher cipher;
  private final ProviderNames providers;
  private final BeijingTimes times;
  private final String zone;
  private final Clock clock;

  public ReviewService(FilingRepository filings, PersonRepository persons, VerifierRepository verifiers,
      VerificationLifecycle verifications, PersonalDataCipher cipher, ProviderNames providers,
      VerificationProperties properties, Clock clock) {
    this.filings = filings;
    this.persons = persons;
    this.verifiers = verifiers;
    this.verifications = verifications;
    this.cipher = cipher;
    this.providers = providers;
    this.times = new BeijingTimes(properties.zone());
    this.zone = BusinessZone.labelOf(properties.zone());
    this.clock = clock;
  }

  /** the request reaches its bureau (status UNDER_REVIEW) */
  public void openReview(String filingId) {
    Filing filing = filings.get(filingId);
    if (filing.status() != FilingStatus.UNDER_REVIEW) {
      filings.updateStatus(filingId, FilingStatus.UNDER_REVIEW);
      filings.addEvent(filingId, null, FilingEvent.UNDER_REVIEW, clock.instant(), null);
    }
  }

  /** the bureau's decision and its comment, as the request's trail and the provider's view show them */
  public void recordDecision(String filingId, boolean approved, String comment, String reviewer) {
    String decision = approved ? "APPROVED" : "REJECTED";
    filings.recordReview(filingId, decision, comment, reviewer);
    filings.addEvent(filingId, null, FilingEvent.REVIEWED, clock.instant(), decision);
  }

  /**
   * Rejected: the request is closed as REJECTED, and a verification still waiting for it (the new number of a phone
   * change, verified only after an approval) is closed with it.
   */
  public void reject(String filingId) {
    verifications.cancelPending(filingId);
    filings.close(filingId, FilingStatus.REJECTED, null, clock.instant());
  }

  /**
   * The review form's content for one viewer: personal data in clear for the request's own bureau ({@code unmasked},
   * docs/rules.md §9), masked for anyone else. Built on each request and never stored.
   */
  @Transactional(readOnly = true)
  public ReviewView view(String filingId, boolean unmasked) {
    Filing f = filings.get(filingId);
    List<StoredPerson> people = persons.ofFiling(filingId);
    String principalName = people.stream().filter(p -> p.role() == PersonRole.ENTITY_PRINCIPAL).findFirst()
        .map(p -> cipher.decrypt(p.nameEnc())).orElse(null);
    String entityName = cipher.decrypt(filings.entityNameEnc(filingId));

    List<ReviewView.Item> request = new ArrayList<>();
    request.add(item("requestNo", f.requestNo()));
    request.add(item("type", Labels.of(f.type())));
    request.add(item("serviceType", Labels.of(f.serviceType())));
    request.add(item("entity", unmasked ? entityName : EntityNames.shown(entityName, principalName)));
    request.add(item("province", Provinces.nameOf(f.province())));
    request.add(item("provider", providers.nameOf(f.providerId())));
    request.add(item("status", Labels.of(f.status())));
    request.add(item("submitted", times.format(f.submittedAt())));
    if (f.verificationDeadline() != null) {
      request.add(item("verificationDeadline", times.format(f.verificationDeadline())));
    }
    if (f.type() == FilingType.PHONE_CHANGE) {
      request.add(item("note", Texts.text("review.view.phoneChangeNote")));
    }

    Map<String, List<StoredPerson>> byVerifier = new LinkedHashMap<>();
    List<ReviewView.Person> personRows = new ArrayList<>();
    for (StoredPerson p : people) {
      if (p.verifierId() != null) {
        byVerifier.computeIfAbsent(p.verifierId(), id -> new ArrayList<>()).add(p);
      }
      personRows.add(new ReviewView.Person(Labels.of(p.role()), p.websiteDomain() == null ? "—" : p.websiteDomain(),
          unmasked ? cipher.decrypt(p.nameEnc()) : p.nameMasked(),
          unmasked ? cipher.decrypt(p.phoneEnc()) : p.phoneMasked(),
          idTypeLabel(p.idType()),
          unmasked ? cipher.decrypt(p.idNumberEnc()) : IdNumbers.mask(cipher.decrypt(p.idNumberEnc()))));
    }

    List<Verifier> trail = verifiers.ofFiling(filingId);
    Map<String, String> verifierNames = new LinkedHashMap<>();
    List<ReviewView.Verification> verificationRows = new ArrayList<>();
    for (Verifier v : trail) {
      String name = unmasked ? cipher.decrypt(v.nameEnc()) : v.nameMasked();
      verifierNames.put(v.id(), name);
      verificationRows.add(new ReviewView.Verification(name, unmasked ? cipher.decrypt(v.phoneEnc()) : v.phoneMasked(),
          roles(byVerifier.getOrDefault(v.id(), List.of())), Labels.of(v.status()),
          Texts.text("review.view.sent", times.format(v.firstSentAt()), times.format(v.lastSentAt())),
          Texts.text("review.view.resends", v.manualResends(),
              Texts.text(v.autoResent() ? "review.view.autoResent" : "review.view.notAutoResent")),
          v.failedAttempts(),
          times.format(v.verifiedAt())));
    }

    List<ReviewView.Event> history = filings.events(filingId).stream()
        .map(e -> new ReviewView.Event(times.format(e.at()), Labels.event(e.event()),
            e.verifierId() == null ? "" : verifierNames.getOrDefault(e.verifierId(), ""), Labels.eventDetail(e.detail())))
        .toList();

    String title = Texts.text("review.view.title", f.requestNo(), Labels.of(f.type()), request.get(3).value());
    String notice = Texts.text(unmasked ? "review.view.notice.clear" : "review.view.notice.masked",
        Provinces.nameOf(f.province()), zone);
    return new ReviewView(title, unmasked, notice, List.copyOf(request), List.copyOf(personRows),
        List.copyOf(verificationRows), history);
  }

  /** one line of the request's facts, labelled {@code review.item.<key>} */
  private static ReviewView.Item item(String key, String value) {
    return new ReviewView.Item(Texts.text("review.item." + key), value);
  }

  /** 主体负责人、网站负责人(example.cn): every role one phone verifies for */
  private static String roles(List<StoredPerson> holders) {
    return holders.stream()
        .map(p -> p.role() == PersonRole.WEBSITE_PRINCIPAL && p.websiteDomain() != null
            ? Labels.of(p.role()) + "(" + p.websiteDomain() + ")" : Labels.of(p.role()))
        .distinct().collect(Collectors.joining("、"));
  }

  private static String idTypeLabel(String idType) {
    try {
      return Labels.of(IdType.valueOf(idType));
    } catch (IllegalArgumentException | NullPointerException unknown) {
      return idType == null ? "" : idType;
    }
  }
}
