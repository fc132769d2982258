package cn.beian.verify.process;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The history of the product's processes ({@link FilingProcess}, {@link SmsVerificationProcess}) without two kinds of
 * rows nobody reads and every request paid for (docs/benchmarks.md, "Tuning"):
 * <ul>
 *   <li>the variable-update <b>detail</b> rows ({@code ACT_HI_DETAIL}): one per write of each variable, beside the
 *       variable's own history row ({@code ACT_HI_VARINST}, kept, with its last value). What a request's variables
 *       were at each step is what its decisions were evaluated on ({@code ACT_HI_DEC_IN}/{@code ACT_HI_DEC_OUT}, kept)
 *       and what its trail ({@code filing_event}) says happened; the route is written once (its runtime variable's
 *       sequence counter) by the step that resolves the verifiers.</li>
 *   <li>the <b>job log</b>'s creation and deletion entries ({@code ACT_HI_JOB_LOG} states 0 and 3): a request's
 *       timers and continuations are created and, when the step they wait for happens first, deleted as a matter of
 *       course. Each execution's <b>success and failure</b> entries stay: which node ran a job, and why it failed
 *       (operators, the cluster test and the benchmark's two-node run read them).</li>
 * </ul>
 * Everything else stays as the history level {@code full} writes it: activity instances, tasks, identity links,
 * incidents, the user-operation log, decisions with their inputs and outputs, variable instances. The stored level
 * stays {@code full} (existing databases start as before) and processes other than the product's keep their details
 * and whole job log.
 *
 * <p>The detail row is written by the engine's database handler together with the variable's own row, so this plugin
 * replaces that handler (before init) with one that leaves out the detail row of the product's processes; the job
 * log entries are dropped in front of every handler (after init), as {@link EngineCountersHistoryFilter} does.
 */
@Component
public class ProcessHistoryDetailFilter extends AbstractProcessEnginePlugin {
  static final Set<String> PRODUCT_PROCESSES = EngineCountersHistoryFilter.PRODUCT_PROCESSES;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // the engine builds its composite from these when the default database handler is off: ours takes its place
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.getCustomHistoryEventHandlers().add(0, new DatabaseHandler());
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventHandler(new JobLogHandler(configuration.getHistoryEventHandler()));
  }

  static boolean isProduct(String processDefinitionKey) {
    return processDefinitionKey != null && PRODUCT_PROCESSES.contains(processDefinitionKey);
  }

  /** a job of the product's processes was created or deleted (its execution's success or failure is kept) */
  static boolean isJobCreationOrDeletion(HistoryEvent event) {
    return event instanceof HistoricJobLogEvent job && (job.isCreationLog() || job.isDeletionLog())
        && isProduct(job.getProcessDefinitionKey());
  }

  /** the engine's database handler, without the detail rows of the product's variables */
  static final class DatabaseHandler extends DbHistoryEventHandler {
    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return !isProduct(event.getProcessDefinitionKey()) && super.shouldWriteHistoricDetail(event);
    }
  }

  /** drops the product's job creation and deletion entries in front of every handler */
  static final class JobLogHandler extends DroppingHistoryEventHandler {
    JobLogHandler(HistoryEventHandler delegate) {
      super(delegate, ProcessHistoryDetailFilter::isJobCreationOrDeletion);
    }
  }
}
