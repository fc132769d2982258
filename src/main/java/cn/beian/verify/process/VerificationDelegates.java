package cn.beian.verify.process;

import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.ReturnReason;
import cn.beian.verify.process.SmsVerificationProcess.Vars;
import cn.beian.verify.verification.VerificationLifecycle;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of the verification and filing processes: each reads its reference from the process,
 * makes one call to business code, and writes the outcome back.
 */
@Configuration
class VerificationDelegates {
  static final String VERIFIED = "VERIFIED", FAILED = "FAILED", EXPIRED = "EXPIRED";

  @Bean
  JavaDelegate openVerificationWindowDelegate(VerificationLifecycle verifications) {
    return execution -> verifications.openWindow((String) execution.getVariable(Vars.FILING_ID));
  }

  @Bean
  JavaDelegate sendSmsCodeDelegate(VerificationLifecycle verifications) {
    return execution -> verifications.sendFirstCode((String) execution.getVariable(Vars.VERIFIER_ID));
  }

  @Bean
  JavaDelegate autoResendSmsCodeDelegate(VerificationLifecycle verifications) {
    return execution -> verifications.autoResend((String) execution.getVariable(Vars.VERIFIER_ID));
  }

  @Bean
  JavaDelegate resendSmsCodeDelegate(VerificationLifecycle verifications) {
    return execution -> verifications.manualResend((String) execution.getVariable(Vars.VERIFIER_ID));
  }

  /** the three ways out of the verification: close what is still pending and hand the outcome to the filing */
  private static JavaDelegate endingWith(String outcome, Consumer<String> closePending) {
    return execution -> {
      closePending.accept((String) execution.getVariable(Vars.FILING_ID));
      execution.setVariable(Vars.VERIFICATION_OUTCOME, outcome);
    };
  }

  @Bean
  JavaDelegate concludeVerificationDelegate(VerificationLifecycle verifications) {
    return endingWith(VERIFIED, verifications::cancelPending);
  }

  @Bean
  JavaDelegate expireVerificationDelegate(VerificationLifecycle verifications) {
    return endingWith(EXPIRED, verifications::expire);
  }

  @Bean
  JavaDelegate failVerificationDelegate(VerificationLifecycle verifications) {
    return endingWith(FAILED, verifications::cancelPending);
  }

  @Bean
  JavaDelegate returnFilingDelegate(FilingService filings) {
    return execution -> filings.returnToProvider((String) execution.getVariable(Vars.FILING_ID),
        EXPIRED.equals(execution.getVariable(Vars.VERIFICATION_OUTCOME)) ? ReturnReason.EXPIRED : ReturnReason.VERIFICATION_FAILED);
  }

  @Bean
  JavaDelegate approvePhoneChangeDelegate(FilingService filings) {
    return execution -> filings.approve((String) execution.getVariable(Vars.FILING_ID));
  }

  @Bean
  JavaDelegate withdrawFilingDelegate(FilingService filings) {
    return execution -> filings.markWithdrawn((String) execution.getVariable(Vars.FILING_ID));
  }
}
