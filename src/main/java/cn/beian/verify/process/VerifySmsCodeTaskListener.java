package cn.beian.verify.process;

import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.process.SmsVerificationProcess.Vars;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerificationLifecycle;
import cn.beian.verify.verification.VerificationProperties;
import cn.beian.verify.verification.VerificationService;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import cn.beian.verify.verification.VerifierStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The verifier's task. On create: the task is attached to its verification in the product's {@code verifier} table,
 * and the form's fields are declared task-local so that what a person types never reaches the process instance. On
 * complete: the verifier is the one that table holds for this task, never what a variable says, and only a verified
 * person completes the task; a wrong entry is refused with the message of docs/rules.md §5 and the attempts left.
 */
@Component("verifySmsCodeTaskListener")
class VerifySmsCodeTaskListener implements TaskListener {
  private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
  private static final Pattern ID_SUFFIX = Pattern.compile("[0-9A-Za-z]{6}");

  private final VerificationService verificationService;
  private final VerificationLifecycle lifecycle;
  private final VerifierRepository verifiers;
  private final VerificationProperties properties;

  VerifySmsCodeTaskListener(VerificationService verificationService, VerificationLifecycle lifecycle,
      VerifierRepository verifiers, VerificationProperties properties) {
    this.verificationService = verificationService;
    this.lifecycle = lifecycle;
    this.verifiers = verifiers;
    this.properties = properties;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      create(task);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      Verifier verifier = verifiers.findByTaskId(task.getId())
          .orElseThrow(() -> new IllegalStateException("task " + task.getId() + " belongs to no verifier"));
      complete(task, verifier);
    }
  }

  /**
   * the element variable was set by the engine from the product's own list (verifierDirectory) in this transaction;
   * it must name a verifier of this instance's own request. A task re-created by an operator is attached again.
   */
  private void create(DelegateTask task) {
    Verifier verifier = verifiers.get((String) task.getVariable(Vars.VERIFIER_ID));
    String filingId = task.getExecution().getProcessBusinessKey();
    if (!verifier.filingId().equals(filingId)) {
      throw new IllegalStateException("verifier " + verifier.id() + " is not a verifier of request " + filingId);
    }
    lifecycle.attachTask(verifier.id(), task.getId(), task.getExecutionId());
    Object requestNo = task.getVariable(Vars.REQUEST_NO);
    task.setName("短信核验 " + (requestNo == null ? "" : requestNo + " ") + verifier.nameMasked() + " "
        + verifier.phoneMasked());
    task.setVariableLocal(Vars.SMS_CODE, null);
    task.setVariableLocal(Vars.PHONE, null);
    task.setVariableLocal(Vars.ID_LAST6, null);
  }

  private void complete(DelegateTask task, Verifier verifier) {
    Object code = task.getVariableLocal(Vars.SMS_CODE);
    if (code == null) {
      // completed by the service after a check on the public API: the verification must already be done
      if (verifier.status() != VerifierStatus.VERIFIED) {
        throw refused(400, StaffTexts.text("verify.missing"), List.of(), Map.of());
      }
      return;
    }
    String phone = PhoneNumbers.normalize(String.valueOf(task.getVariableLocal(Vars.PHONE)))
        .orElseThrow(() -> refused(400, StaffTexts.text("verify.phone"), List.of(Vars.PHONE), Map.of()));
    String idLast6 = String.valueOf(task.getVariableLocal(Vars.ID_LAST6)).trim();
    if (!SIX_DIGITS.matcher(code.toString().trim()).matches() || !ID_SUFFIX.matcher(idLast6).matches()) {
      throw refused(400, StaffTexts.text("verify.format"), List.of(Vars.SMS_CODE, Vars.ID_LAST6), Map.of());
    }
    CheckOutcome outcome = verificationService.checkForVerifier(verifier.id(), phone, code.toString().trim(), idLast6);
    if (outcome.verified() || outcome.result() == CheckResult.ALREADY_VERIFIED) {
      return;
    }
    if (outcome.result() == CheckResult.FAILED) {
      throw new BpmnError(SmsVerificationProcess.Errors.VERIFICATION_FAILED, outcome.message());
    }
    // the failure was recorded in its own transaction: read the count as it is now
    int failed = verifiers.find(verifier.id()).map(Verifier::failedAttempts).orElse(verifier.failedAttempts());
    int remaining = Math.max(0, properties.maxFailedAttempts() - failed);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("result", outcome.result().name());
    facts.put("remainingAttempts", remaining);
    String remainingText = StaffTexts.text("verify.remaining", remaining, properties.maxFailedAttempts());
    throw refused(422, outcome.message() + remainingText, List.of(), facts);
  }

  private static VerificationRejectedException refused(int status, String message, List<String> fields,
      Map<String, Object> facts) {
    List<InputProblem> problems = fields.stream()
        .map(field -> new InputProblem(field, FormLabels.of(SmsVerificationProcess.Forms.VERIFY, field), message))
        .toList();
    return new VerificationRejectedException(status, message, problems, facts);
  }
}
