package cn.beian.verify.process;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.process.SmsVerificationProcess.Variables;
import cn.beian.verify.verification.CheckOutcome;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerificationInput;
import cn.beian.verify.verification.VerificationLifecycle;
import cn.beian.verify.verification.VerificationProperties;
import cn.beian.verify.verification.VerificationService;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierRepository;
import cn.beian.verify.verification.VerifierStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The verifier's task. On create: the task is attached to its verification in the product's {@code verifier} table,
 * and the form's fields are declared task-local so that what a person types never reaches the process instance. On
 * complete: the verifier is the one that table holds for this task, never what a variable says; the form is read by
 * the parser the public API uses, and only a verified person completes the task; a wrong entry is refused with the
 * message of docs/rules.md §5 and the attempts left.
 */
@Component("verifySmsCodeTaskListener")
class VerifySmsCodeTaskListener implements TaskListener {
  /** the form's field of each input the parser names */
  private static final Map<String, ProcessVariable<String>> FORM_FIELDS = Map.of(
      VerificationInput.CODE, Variables.SMS_CODE, VerificationInput.PHONE, Variables.PHONE,
      VerificationInput.ID_LAST6, Variables.ID_LAST6);

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
    Verifier verifier = verifiers.get(Variables.VERIFIER_ID.get(task));
    String filingId = task.getExecution().getProcessBusinessKey();
    if (!verifier.filingId().equals(filingId)) {
      throw new IllegalStateException("verifier " + verifier.id() + " is not a verifier of request " + filingId);
    }
    lifecycle.attachTask(verifier.id(), task.getId(), task.getExecutionId());
    task.setName(StaffTexts.text("verify.task", Variables.REQUEST_NO.find(task).map(no -> no + " ").orElse(""),
        verifier.nameMasked(), verifier.phoneMasked()));
    FORM_FIELDS.values().forEach(field -> field.setLocal(task, null));
  }

  private void complete(DelegateTask task, Verifier verifier) {
    Optional<String> code = Variables.SMS_CODE.findLocal(task);
    if (code.isEmpty()) {
      // completed by the service after a check on the public API: the verification must already be done
      if (verifier.status() != VerifierStatus.VERIFIED) {
        throw refused(400, StaffTexts.text("verify.missing"), List.of());
      }
      return;
    }
    VerificationInput.Check input = parse(task, code.get());
    CheckOutcome outcome = verificationService.checkForVerifier(verifier.id(), input.phone(), input.code(),
        input.idLast6());
    if (outcome.verified() || outcome.result() == CheckResult.ALREADY_VERIFIED) {
      return;
    }
    if (outcome.result() == CheckResult.FAILED) {
      throw new BpmnError(SmsVerificationProcess.Errors.VERIFICATION_FAILED, outcome.message());
    }
    int remaining = verificationService.remainingAttempts(verifier.id());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("result", outcome.result().name());
    facts.put("remainingAttempts", remaining);
    String remainingText = StaffTexts.text("verify.remaining", remaining, properties.maxFailedAttempts());
    throw new VerificationRejectedException(422, outcome.message() + remainingText, List.of(), facts);
  }

  /** the form through the public API's parser: a typo is named at its field and never counts as an attempt */
  private static VerificationInput.Check parse(DelegateTask task, String code) {
    try {
      return VerificationInput.check(Variables.PHONE.findLocal(task).orElse(null), code,
          Variables.ID_LAST6.findLocal(task).orElse(null));
    } catch (VerificationInput.InvalidInputException e) {
      List<InputProblem> problems = e.errors().stream().map(VerifySmsCodeTaskListener::problem).toList();
      throw refused(400, StaffTexts.text("output.summary", problems.size(),
          problems.stream().map(InputProblem::text).collect(Collectors.joining("; "))), problems);
    }
  }

  private static InputProblem problem(FieldError error) {
    String field = FORM_FIELDS.get(error.field()).name();
    return new InputProblem(field, FormLabels.of(SmsVerificationProcess.Forms.VERIFY, field), error.message());
  }

  private static VerificationRejectedException refused(int status, String message, List<InputProblem> problems) {
    return new VerificationRejectedException(status, message, problems, Map.of());
  }
}
