package cn.beian.verify.process;

import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.ReturnReason;
import cn.beian.verify.process.FilingProcess.VerificationOutcome;
import cn.beian.verify.process.SmsVerificationProcess.Variables;
import cn.beian.verify.verification.VerificationLifecycle;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of the verification and filing processes: each reads its reference from the process (the
 * request: the instance's business key; the verifier: the multi-instance element the engine set from the product's
 * own list), makes one call to business code, and writes the outcome back.
 */
@Configuration
class VerificationDelegates {

  @Bean
  JavaDelegate openVerificationWindowDelegate(VerificationLifecycle verifications) {
    return execution -> verifications.openWindow(execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate sendSmsCodeDelegate(VerificationLifecycle verifications) {
    return execution -> verifications.sendFirstCode(Variables.VERIFIER_ID.get(execution));
  }

  @Bean
  JavaDelegate autoResendSmsCodeDelegate(VerificationLifecycle verifications) {
    return execution -> verifications.autoResend(Variables.VERIFIER_ID.get(execution));
  }

  @Bean
  JavaDelegate resendSmsCodeDelegate(VerificationLifecycle verifications) {
    return execution -> verifications.manualResend(Variables.VERIFIER_ID.get(execution));
  }

  /** the three ways out of the verification: close what is still pending and hand the outcome to the filing */
  private static JavaDelegate endingWith(VerificationOutcome outcome, Consumer<String> closePending) {
    return execution -> {
      closePending.accept(execution.getProcessBusinessKey());
      Variables.VERIFICATION_OUTCOME.set(execution, outcome);
    };
  }

  @Bean
  JavaDelegate concludeVerificationDelegate(VerificationLifecycle verifications) {
    return endingWith(VerificationOutcome.VERIFIED, verifications::cancelPending);
  }

  @Bean
  JavaDelegate expireVerificationDelegate(VerificationLifecycle verifications) {
    return endingWith(VerificationOutcome.EXPIRED, verifications::expire);
  }

  @Bean
  JavaDelegate failVerificationDelegate(VerificationLifecycle verifications) {
    return endingWith(VerificationOutcome.FAILED, verifications::cancelPending);
  }

  @Bean
  JavaDelegate returnFilingDelegate(FilingService filings) {
    return execution -> filings.returnToProvider(execution.getProcessBusinessKey(),
        Variables.VERIFICATION_OUTCOME.get(execution) == VerificationOutcome.EXPIRED
            ? ReturnReason.EXPIRED : ReturnReason.VERIFICATION_FAILED);
  }

  @Bean
  JavaDelegate withdrawFilingDelegate(FilingService filings) {
    return execution -> filings.markWithdrawn(execution.getProcessBusinessKey());
  }
}
