package cn.beian.verify.verification;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PersonalDataHashes;
import cn.beian.verify.portal.PublicAddress;
import cn.beian.verify.verification.CodeMessages.CodeMessage;
import cn.beian.verify.verification.SmsCodeRepository.Reason;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues a new code to a verifier: kills the previous one, stores only its hash, and hands the SMS to the
 * outbox ({@link CodeMessages}) in the same transaction (it goes out after the commit, never for a rolled-back issue).
 */
@Component
public class CodeIssuer {
  private final SecureRandom random = new SecureRandom();
  private final SmsCodeGenerator generator;
  private final SmsCodeRepository codes;
  private final VerifierRepository verifiers;
  private final FilingRepository filings;
  private final PersonalDataHashes hashes;
  private final PersonalDataCipher cipher;
  private final CodeMessages messages;
  private final PublicAddress portal;
  private final VerificationProperties properties;
  private final Clock clock;

  public CodeIssuer(SmsCodeGenerator generator, SmsCodeRepository codes, VerifierRepository verifiers,
      FilingRepository filings, PersonalDataHashes hashes, PersonalDataCipher cipher, CodeMessages messages,
      PublicAddress portal, VerificationProperties properties, Clock clock) {
    this.generator = generator;
    this.codes = codes;
    this.verifiers = verifiers;
    this.filings = filings;
    this.hashes = hashes;
    this.cipher = cipher;
    this.messages = messages;
    this.portal = portal;
    this.properties = properties;
    this.clock = clock;
  }

  public void issue(Verifier verifier, Reason reason) {
    Instant now = clock.instant();
    String phone = cipher.decrypt(verifier.phoneEnc());
    // docs/rules.md §4: a new code never repeats an earlier code of the same verifier in the same request
    String code = generator.next(candidate -> codes.wasIssued(verifier.id(), hashes.code(phone, candidate)));
    codes.killLive(verifier.id(), now);
    codes.insertLive(UUID.randomUUID().toString(), verifier.id(), hashes.code(phone, code), reason, now);

    String token = newLinkToken();
    verifiers.recordSent(verifier.id(), now, hashes.linkToken(token));
    Filing filing = filings.get(verifier.filingId());
    messages.enqueue(new CodeMessage(verifier.id(), verifier.filingId(), phone, code, properties.window(),
        filing.verificationDeadline(), properties.zone(), portal.shortLink(token)));
  }

  /** random, unguessable, and carries neither the code nor the phone */
  private String newLinkToken() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
