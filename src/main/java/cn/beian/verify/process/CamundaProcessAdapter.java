package cn.beian.verify.process;

import cn.beian.verify.filing.FilingProcessPort;
import cn.beian.verify.verification.VerificationProcessPort;
import cn.beian.verify.verification.Verifier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/** The ports of the business code, over the engine: everything the services ask the processes to do. */
@Component
class CamundaProcessAdapter implements FilingProcessPort, VerificationProcessPort {
  private final RuntimeService runtime;
  private final TaskService tasks;

  CamundaProcessAdapter(RuntimeService runtime, TaskService tasks) {
    this.runtime = runtime;
    this.tasks = tasks;
  }

  @Override
  public void startFiling(String filingId, String province) {
    runtime.createProcessInstanceByKey(FilingProcess.KEY)
        .businessKey(filingId)
        .setVariable(FilingProcess.Vars.FILING_ID, filingId)
        .setVariable(FilingProcess.Vars.PROVINCE, province)
        .execute();
  }

  @Override
  public void withdraw(String filingId) {
    runtime.createMessageCorrelation(FilingProcess.Messages.FILING_WITHDRAWN)
        .processInstanceBusinessKey(filingId)
        .correlate();
  }

  @Override
  public void completeVerification(Verifier verifier) {
    tasks.complete(requireTask(verifier));
  }

  @Override
  public void failVerification(Verifier verifier, String message) {
    tasks.handleBpmnError(requireTask(verifier), SmsVerificationProcess.Errors.VERIFICATION_FAILED, message);
  }

  @Override
  public void requestResend(Verifier verifier) {
    if (verifier.executionId() == null) {
      throw new IllegalStateException("verifier " + verifier.id() + " has no open verification task yet");
    }
    runtime.messageEventReceived(SmsVerificationProcess.Messages.RESEND_REQUESTED, verifier.executionId());
  }

  private static String requireTask(Verifier verifier) {
    if (verifier.taskId() == null) {
      throw new IllegalStateException("verifier " + verifier.id() + " has no open verification task yet");
    }
    return verifier.taskId();
  }
}
