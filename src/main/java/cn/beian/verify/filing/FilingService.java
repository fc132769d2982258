package cn.beian.verify.filing;

import cn.beian.verify.filing.ValidFiling.Principal;
import cn.beian.verify.kernel.HashDomains;
import cn.beian.verify.kernel.IdentityDocuments;
import cn.beian.verify.kernel.KeyedHasher;
import cn.beian.verify.kernel.Names;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.kernel.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepting, withdrawing and closing filing requests. */
@Service
@Transactional
public class FilingService {
  private final FilingValidator validator;
  private final FilingRepository filings;
  private final PersonRepository persons;
  private final PersonalDataHashes hashes;
  private final KeyedHasher hasher;
  private final PersonalDataCipher cipher;
  private final VerificationPort verifications;
  private final FilingProcessPort process;
  private final Clock clock;

  public FilingService(FilingValidator validator, FilingRepository filings, PersonRepository persons,
      PersonalDataHashes hashes, KeyedHasher hasher, PersonalDataCipher cipher, VerificationPort verifications,
      FilingProcessPort process, Clock clock) {
    this.validator = validator;
    this.filings = filings;
    this.persons = persons;
    this.hashes = hashes;
    this.hasher = hasher;
    this.cipher = cipher;
    this.verifications = verifications;
    this.process = process;
    this.clock = clock;
  }

  /** the outcome of a submission: the new request, or the existing one for a repeated requestNo */
  public record Submitted(Filing filing, boolean created) {}

  /**
   * Validates and stores a request and starts its process, in one transaction: invalid input stores
   * nothing and starts nothing. The same requestNo with the same body returns the existing request.
   */
  public Submitted submit(String providerId, FilingSubmission submission) {
    ValidFiling valid = validator.validate(submission);
    String requestHash = hasher.hash(HashDomains.REQUEST, submission.toString());
    var existing = filings.findByRequestNo(providerId, valid.requestNo());
    if (existing.isPresent()) {
      if (!existing.get().requestHash().equals(requestHash)) {
        throw new RequestNoConflictException(valid.requestNo());
      }
      return new Submitted(existing.get(), false);
    }
    Filing filing = store(providerId, valid, requestHash);
    process.startFiling(filing.id(), filing.province());
    return new Submitted(filings.get(filing.id()), true);
  }

  /** stores a request submitted through the Tasklist start form, whose process is already running */
  public Filing register(String providerId, FilingSubmission submission) {
    ValidFiling valid = validator.validate(submission);
    if (filings.findByRequestNo(providerId, valid.requestNo()).isPresent()) {
      throw new RequestNoConflictException(valid.requestNo());
    }
    return store(providerId, valid, hasher.hash(HashDomains.REQUEST, submission.toString()));
  }

  private Filing store(String providerId, ValidFiling valid, String requestHash) {
    Instant now = clock.instant();
    Filing filing = Filing.builder().id(UUID.randomUUID().toString()).providerId(providerId)
        .requestNo(valid.requestNo()).requestHash(requestHash).type(valid.type()).province(valid.province())
        .serviceType(valid.serviceType()).entityChanged(valid.entityChanged()).websitesChanged(valid.websitesChanged())
        .remarksOnly(valid.remarksOnly()).status(FilingStatus.VERIFYING).submittedAt(now).build();
    filings.insert(filing, cipher.encrypt(valid.entityName()));
    for (Principal p : valid.principals()) {
      persons.insert(new StoredPerson(UUID.randomUUID().toString(), filing.id(), p.role(), p.websiteRef(),
          p.websiteDomain(), p.websiteChanged(), cipher.encrypt(p.name()), Names.mask(p.name()), hashes.phone(p.phone()),
          cipher.encrypt(p.phone()), PhoneNumbers.mask(p.phone()), p.idType().name(), cipher.encrypt(p.idNumber()),
          hashes.idSuffix(p.phone(), IdentityDocuments.last6(p.idNumber())), null));
    }
    filings.addEvent(filing.id(), null, FilingEvent.SUBMITTED, now, null);
    return filing;
  }

  /** the access provider withdraws an open request (docs/http-contract.md §1); its process ends and its codes die */
  public Filing withdraw(String filingId) {
    Filing filing = filings.lock(filingId);
    if (!filing.status().isOpen()) {
      throw new FilingClosedException(filingId, filing.status());
    }
    process.withdraw(filingId);
    return filings.get(filingId);
  }

  /** called by the process when its withdrawal event fires */
  public void markWithdrawn(String filingId) {
    verifications.cancelPending(filingId);
    closeAs(filingId, FilingStatus.WITHDRAWN, null, FilingEvent.WITHDRAWN);
  }

  public void returnToProvider(String filingId, ReturnReason reason) {
    verifications.cancelPending(filingId);
    closeAs(filingId, FilingStatus.RETURNED, reason, FilingEvent.RETURNED);
  }

  public void approve(String filingId) {
    closeAs(filingId, FilingStatus.APPROVED, null, FilingEvent.APPROVED);
  }

  void closeAs(String filingId, FilingStatus status, ReturnReason reason, String event) {
    Instant now = clock.instant();
    filings.close(filingId, status, reason, now);
    filings.addEvent(filingId, null, event, now, reason == null ? null : reason.name());
  }
}
