package cn.beian.verify.process;

import java.util.List;
import java.util.Map;

/**
 * A verifier form that does not verify: the task stays open and the desk sees the message of docs/rules.md §5 (422), or
 * what to correct in the form (400).
 */
public class VerificationRejectedException extends RefusalException {
  public VerificationRejectedException(int status, String message, List<InputProblem> problems,
      Map<String, Object> properties) {
    super(status, message, problems, properties);
  }
}
