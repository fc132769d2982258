package cn.beian.verify.process;

import cn.beian.verify.process.FilingProcess.Variables;
import cn.beian.verify.verification.VerificationLifecycle;
import cn.beian.verify.verification.VerificationPlan;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The one step that decides the request's route (docs/rules.md §2, §3, §8): from the two decisions' results to the
 * request's verifications, its quorum and its route, which every later gateway reads and none recomputes.
 */
@Component("resolveVerifiersDelegate")
class ResolveVerifiersDelegate implements JavaDelegate {
  private final VerificationLifecycle verifications;

  ResolveVerifiersDelegate(VerificationLifecycle verifications) {
    this.verifications = verifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    // the verifier decision is not asked when the rollout does not apply: no rules then
    VerificationPlan plan = verifications.plan(execution.getProcessBusinessKey(),
        Variables.SMS_VERIFICATION_REQUIRED.get(execution), Variables.VERIFIER_RULES.find(execution).orElse(List.of()));
    Variables.ROUTE.set(execution, plan.route());
    Variables.QUORUM.set(execution, plan.quorum());
    if (LegacyFilingDelegates.beforeTheRoute(execution)) {
      LegacyFilingDelegates.VERIFIER_COUNT.set(execution, plan.verifiers());
    }
  }
}
