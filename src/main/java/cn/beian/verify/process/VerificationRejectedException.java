package cn.beian.verify.process;

import org.camunda.bpm.engine.ProcessEngineException;

/** A verifier form that does not verify: the task stays open and the person sees the message (RULES.md §5). */
public class VerificationRejectedException extends ProcessEngineException {
  public VerificationRejectedException(String message) {
    super(message);
  }
}
