package cn.beian.verify.process;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The history of the product's processes keeps what reviewers and auditors read (every variable the product declares
 * in {@link FilingProcess.Variables} and {@link SmsVerificationProcess.Variables} with its last value, decision
 * evaluations, tasks and who worked them, the user-operation log, incidents, each job's execution; what else is left
 * out: {@link ProcessHistoryDetailFilter}) but not the engine's own
 * multi-instance counters: {@code nrOfInstances}, {@code nrOfActiveInstances}, {@code nrOfCompletedInstances} and each
 * instance's {@code loopCounter}. They are bookkeeping of the verification's multi-instance subprocess, rewritten at
 * every verifier's completion, and say nothing the verifiers' own rows and the request's trail (filing_event) do not.
 * In history they cost about a fifth of a request's variable-history rows (docs/benchmarks.md, "Tuning"). They stay
 * runtime variables: the completion condition reads them.
 *
 * <p>All events of such a variable are dropped (creation, each update with its detail row, deletion), so its history
 * row is never half-written. Processes other than the product's keep theirs.
 */
@Component
public class EngineCountersHistoryFilter extends AbstractProcessEnginePlugin {
  static final Set<String> COUNTERS = Set.of("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances",
      "loopCounter");
  static final Set<String> PRODUCT_PROCESSES = Set.of(FilingProcess.KEY, SmsVerificationProcess.KEY);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(new Handler(configuration.getHistoryEventHandler()));
  }

  static boolean isEngineCounter(HistoryEvent event) {
    return event instanceof HistoricVariableUpdateEventEntity variable
        && COUNTERS.contains(variable.getVariableName())
        && PRODUCT_PROCESSES.contains(variable.getProcessDefinitionKey());
  }

  /** the filtering handler in front of the engine's own */
  static final class Handler extends DroppingHistoryEventHandler {
    Handler(HistoryEventHandler delegate) {
      super(delegate, EngineCountersHistoryFilter::isEngineCounter);
    }
  }
}
