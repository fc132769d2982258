package cn.beian.verify.process;

import cn.beian.verify.process.SmsVerificationProcess.Vars;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.PhoneNumbers;
import cn.beian.verify.verification.VerificationLifecycle;
import cn.beian.verify.verification.VerificationService;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import cn.beian.verify.verification.VerifierStatus;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The verifier's task. On create: the task is made known to its verification, and the form's fields are
 * declared task-local so that what a person types never reaches the process instance. On complete: the
 * form's code is checked by the verification service; only a verified person completes the task.
 */
@Component("verifySmsCodeTaskListener")
class VerifySmsCodeTaskListener implements TaskListener {
  private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
  private static final Pattern ID_SUFFIX = Pattern.compile("[0-9A-Za-z]{6}");

  private final VerificationService verificationService;
  private final VerificationLifecycle lifecycle;
  private final VerifierRepository verifiers;

  VerifySmsCodeTaskListener(VerificationService verificationService, VerificationLifecycle lifecycle,
      VerifierRepository verifiers) {
    this.verificationService = verificationService;
    this.lifecycle = lifecycle;
    this.verifiers = verifiers;
  }

  @Override
  public void notify(DelegateTask task) {
    String verifierId = (String) task.getVariable(Vars.VERIFIER_ID);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      lifecycle.attachTask(verifierId, task.getId(), task.getExecutionId());
      Verifier verifier = verifiers.get(verifierId);
      Object requestNo = task.getVariable(Vars.REQUEST_NO);
      task.setName("短信核验 " + (requestNo == null ? "" : requestNo + " ") + verifier.nameMasked() + " "
          + verifier.phoneMasked());
      task.setVariableLocal(Vars.SMS_CODE, null);
      task.setVariableLocal(Vars.PHONE, null);
      task.setVariableLocal(Vars.ID_LAST6, null);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      complete(task, verifierId);
    }
  }

  private void complete(DelegateTask task, String verifierId) {
    Object code = task.getVariableLocal(Vars.SMS_CODE);
    if (code == null) {
      // completed by the service after a check on the public API: the verification must already be done
      if (verifiers.get(verifierId).status() != VerifierStatus.VERIFIED) {
        throw new VerificationRejectedException("请输入短信验证码、手机号码和证件号码后六位。");
      }
      return;
    }
    String phone = PhoneNumbers.normalize(String.valueOf(task.getVariableLocal(Vars.PHONE)))
        .orElseThrow(() -> new VerificationRejectedException("手机号码格式不正确。"));
    String idLast6 = String.valueOf(task.getVariableLocal(Vars.ID_LAST6)).trim();
    if (!SIX_DIGITS.matcher(code.toString().trim()).matches() || !ID_SUFFIX.matcher(idLast6).matches()) {
      throw new VerificationRejectedException("请输入6位短信验证码和证件号码后六位。");
    }
    CheckOutcome outcome = verificationService.checkForVerifier(verifierId, phone, code.toString().trim(), idLast6);
    if (outcome.verified() || outcome.result() == CheckResult.ALREADY_VERIFIED) {
      return;
    }
    if (outcome.result() == CheckResult.FAILED) {
      throw new BpmnError(SmsVerificationProcess.Errors.VERIFICATION_FAILED, outcome.message());
    }
    throw new VerificationRejectedException(outcome.message());
  }
}
