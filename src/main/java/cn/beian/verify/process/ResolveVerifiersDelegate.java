package cn.beian.verify.process;

import cn.beian.verify.process.FilingProcess.Vars;
import cn.beian.verify.verification.VerificationLifecycle;
import cn.beian.verify.verification.VerifierRole;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Turns the decisions' results into the request's verifications: who, deduplicated by phone, with which quorum. */
@Component("resolveVerifiersDelegate")
class ResolveVerifiersDelegate implements JavaDelegate {
  private final VerificationLifecycle verifications;

  ResolveVerifiersDelegate(VerificationLifecycle verifications) {
    this.verifications = verifications;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute(DelegateExecution execution) {
    List<Map<String, Object>> rules = (List<Map<String, Object>>) execution.getVariable(Vars.VERIFIER_RULES);
    boolean required = Boolean.TRUE.equals(execution.getVariable(Vars.SMS_VERIFICATION_REQUIRED));
    Set<VerifierRole> roles = EnumSet.noneOf(VerifierRole.class);
    String quorum = "ALL";
    for (Map<String, Object> rule : rules == null ? List.<Map<String, Object>>of() : rules) {
      roles.add(VerifierRole.valueOf((String) rule.get("verifierRole")));
      if ("ANY".equals(rule.get("quorum"))) {
        quorum = "ANY";
      }
    }
    String filingId = (String) execution.getVariable(Vars.FILING_ID);
    int count = required ? verifications.resolveVerifiers(filingId, roles, quorum) : 0;
    execution.setVariable(Vars.VERIFIER_COUNT, count);
    execution.setVariable(Vars.QUORUM, quorum);
  }
}
