package cn.beian.verify.verification.api;

import cn.beian.verify.portal.CaptchaVerifier;
import cn.beian.verify.portal.PhoneLimits;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.ResendOutcome;
import cn.beian.verify.verification.VerificationInput;
import cn.beian.verify.verification.VerificationService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The verifiers' public endpoints (docs/http-contract.md §2): checking a code (短信核验) and asking for a resend (短信重发).
 * Order of the gates: the input's format (400, nothing spent), then the limits of its normalised phone (429, nothing
 * spent), then the captcha (its token is spent only on well-formed input within the limits), then the same
 * {@link VerificationService} as the Tasklist form.
 */
@RestController
@RequestMapping("/api/v1")
public class PublicVerificationController {
  private static final VerificationAnswer CAPTCHA_FAILED =
      new VerificationAnswer(CheckResult.CAPTCHA_FAILED.name(), CheckResult.CAPTCHA_FAILED.message(""));

  private final VerificationService verifications;
  private final CaptchaVerifier captcha;
  private final PhoneLimits limits;

  public PublicVerificationController(VerificationService verifications, CaptchaVerifier captcha,
      PhoneLimits limits) {
    this.verifications = verifications;
    this.captcha = captcha;
    this.limits = limits;
  }

  @PostMapping(path = "/sms-verifications", consumes = MediaType.APPLICATION_JSON_VALUE)
  public VerificationAnswer check(@RequestBody SmsVerificationRequest request) {
    VerificationInput.Check input = PublicInput.check(request);
    limits.admitCheck(input.phone());
    if (!captcha.consume(request.captchaToken())) {
      return CAPTCHA_FAILED;
    }
    CheckOutcome outcome = verifications.check(input.phone(), input.code(), input.idLast6());
    return new VerificationAnswer(outcome.result().name(), outcome.message(), remainingAttempts(outcome));
  }

  /**
   * Only after a wrong ID suffix with the right code: the person holds the code, so telling them how many tries
   * are left helps them and gives a guesser (who gets NOT_FOUND) nothing.
   */
  private Integer remainingAttempts(CheckOutcome outcome) {
    if (outcome.result() != CheckResult.WRONG_INFO || outcome.verifier() == null) {
      return null;
    }
    return verifications.remainingAttempts(outcome.verifier().id());
  }

  @PostMapping(path = "/sms-resends", consumes = MediaType.APPLICATION_JSON_VALUE)
  public VerificationAnswer resend(@RequestBody SmsResendRequest request) {
    VerificationInput.Resend input = PublicInput.resend(request);
    limits.admitResend(input.phone());
    if (!captcha.consume(request.captchaToken())) {
      return CAPTCHA_FAILED;
    }
    ResendOutcome outcome = verifications.requestResend(input.phone(), input.idLast6());
    return new VerificationAnswer(outcome.result().name(), outcome.message());
  }
}
