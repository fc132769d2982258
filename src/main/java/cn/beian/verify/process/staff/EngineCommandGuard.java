package cn.beian.verify.process.staff;

import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.InputProblem;
import cn.beian.verify.process.RefusalException;
import cn.beian.verify.process.StaffTexts;
import cn.beian.verify.process.TaskOutputs;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;

/**
 * The engine's own refusals of what staff send, whatever the path (engine REST, the webapps' API, the Java API under a
 * login), placed after the command context opens so it can look tasks and filters up:
 *
 * <ul>
 *   <li>no query with an expression anywhere in it, or-queries at any depth, ad hoc, stored or extending a filter,
 *       is executed or saved (for everyone: nothing in the product needs one);</li>
 *   <li>a task is completed, resolved or its form submitted only with that task's declared outputs
 *       ({@link TaskOutputs}), after the engine's own tenant and authorization checks, so a foreign task still answers
 *       as the engine would; only a delegated task is resolved, and staff claim tasks for themselves only;</li>
 *   <li>a logged-in user who is not an administrator writes no variables and steers no process: variable endpoints,
 *       BPMN errors and escalations on tasks, messages, signals, conditions, starts, restarts, modification, migration,
 *       external tasks, jobs (firing a timer early would close a verification window), filter changes.
 *       Authorizations refuse most of these too; TASK_WORK alone does not refuse a BPMN error thrown on a verifier
 *       task, which would fail a verification without any check.</li>
 * </ul>
 * The product's own code runs without a login and is not restricted; the rules for staff apply to the command a caller
 * asked for, not to the commands the engine runs inside it.
 */
final class EngineCommandGuard extends CallerCommandInterceptor {
  @Override
  protected <T> T execute(Command<T> command, boolean asked) {
    CommandContext context = Context.getCommandContext();
    refuseExpressions(command, context);
    if (asked) {
      checkStaffCommand(command, context);
    }
    return next.execute(command);
  }

  private static void refuseExpressions(Command<?> command, CommandContext context) {
    if (command instanceof AbstractQuery<?, ?> query) {
      refuseExpression(QueryExpressions.find(query));
    } else if (command instanceof AbstractExecuteFilterCmd filterCommand) {
      refuseExpression(QueryExpressions.find(CommandFields.extendingQuery(filterCommand)));
      String filterId = CommandFields.filterId(filterCommand);
      FilterEntity filter = filterId == null ? null : context.getFilterManager().findFilterById(filterId);
      if (filter != null) {
        refuseExpression(QueryExpressions.find(filter.getQuery()));
      }
    } else if (command instanceof SaveFilterCmd save) {
      Filter filter = CommandFields.savedFilter(save);
      if (filter != null) {
        refuseExpression(QueryExpressions.find(filter.getQuery()));
      }
    }
  }

  private static void refuseExpression(Optional<String> expression) {
    if (expression.isPresent()) {
      throw new RefusalException(400, StaffTexts.text("query.expression", expression.get()));
    }
  }

  private static void checkStaffCommand(Command<?> command, CommandContext context) {
    Authentication authentication = context.getAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return;
    }
    boolean admin = context.getAuthorizationManager().isCamundaAdmin(authentication);
    if (command instanceof ResolveTaskCmd resolve) {
      checkTaskOutputs(context, CommandFields.of(resolve));
      refuseUndelegatedResolve(context, CommandFields.of(resolve));
    } else if (command instanceof CompleteTaskCmd complete) {
      checkTaskOutputs(context, CommandFields.of(complete));
    } else if (!admin && command instanceof ClaimTaskCmd claim && CommandFields.claimant(claim) != null
        && !CommandFields.claimant(claim).equals(authentication.getUserId())) {
      throw RefusalException.forbidden(StaffTexts.text("claim.others"));
    } else if (command instanceof SubmitTaskFormCmd submit) {
      checkTaskOutputs(context, CommandFields.of(submit));
    } else if (!admin && (command instanceof SaveFilterCmd || command instanceof DeleteFilterCmd)) {
      throw RefusalException.forbidden(StaffTexts.text("filter.forbidden"));
    } else if (!admin && steersProcess(command)) {
      throw RefusalException.forbidden(StaffTexts.text("write.forbidden"));
    } else if (command instanceof SubmitStartFormCmd start) {
      checkStartForm(context, CommandFields.of(start));
    }
  }

  /** every command that writes variables or moves a process other than by completing one's own task */
  static boolean steersProcess(Command<?> command) {
    return command instanceof AbstractSetVariableCmd
        || command instanceof AbstractPatchVariablesCmd
        || command instanceof AbstractRemoveVariableCmd
        || command instanceof SetVariablesToProcessInstancesBatchCmd
        || command instanceof HandleTaskBpmnErrorCmd
        || command instanceof HandleTaskEscalationCmd
        || command instanceof AbstractCorrelateMessageCmd
        || command instanceof CorrelateAllMessageBatchCmd
        || command instanceof MessageEventReceivedCmd
        || command instanceof SignalEventReceivedCmd
        || command instanceof SignalCmd
        || command instanceof EvaluateStartConditionCmd
        || command instanceof StartProcessInstanceCmd
        || command instanceof StartProcessInstanceAtActivitiesCmd
        || command instanceof SubmitStartFormCmd
        || command instanceof AbstractRestartProcessInstanceCmd
        || command instanceof ModifyProcessInstanceCmd
        || command instanceof AbstractModificationCmd
        || command instanceof AbstractMigrationCmd
        || command instanceof ExternalTaskCmd
        || command instanceof FetchExternalTasksCmd
        || command instanceof ExecuteJobsCmd
        || command instanceof SetJobDuedateCmd
        || command instanceof RecalculateJobDuedateCmd
        || command instanceof SetJobRetriesCmd
        || command instanceof AbstractSetJobsRetriesBatchCmd
        || command instanceof AbstractSetJobStateCmd
        || command instanceof AbstractSetJobDefinitionStateCmd
        || command instanceof SetJobPriorityCmd
        || command instanceof SetJobDefinitionPriorityCmd
        || command instanceof DeleteJobCmd;
  }

  /** the engine's own checks first (a foreign task stays a tenant or authorization refusal), then the outputs */
  private static void checkTaskOutputs(CommandContext context, CommandFields.Input input) {
    TaskEntity task = input.targetId() == null ? null : context.getTaskManager().findTaskById(input.targetId());
    if (task == null) {
      return;
    }
    for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
      checker.checkTaskWork(task);
    }
    refuseProblems(TaskOutputs.check(task.getTaskDefinitionKey(), input.variables()));
  }

  /**
   * resolving hands a delegated task back to its owner and completes nothing: on any other task it would only park
   * the form's values, the verifier form's code and phone among them, in the runtime tables
   */
  private static void refuseUndelegatedResolve(CommandContext context, CommandFields.Input input) {
    TaskEntity task = input.targetId() == null ? null : context.getTaskManager().findTaskById(input.targetId());
    if (task != null && task.getDelegationState() != DelegationState.PENDING) {
      throw new RefusalException(400, StaffTexts.text("resolve.notDelegated"));
    }
  }

  /** an administrator's start form (Tasklist): the form's fields only, so no routing variable rides along */
  private static void checkStartForm(CommandContext context, CommandFields.Input input) {
    ProcessDefinitionEntity definition = input.targetId() == null ? null : context.getProcessEngineConfiguration()
        .getDeploymentCache().findDeployedProcessDefinitionById(input.targetId());
    if (definition != null && FilingProcess.KEY.equals(definition.getKey())) {
      refuseProblems(TaskOutputs.check(FilingProcess.Elements.FILING_SUBMITTED, input.variables()));
    }
  }

  private static void refuseProblems(List<InputProblem> problems) {
    if (!problems.isEmpty()) {
      throw RefusalException.badInput(problems);
    }
  }
}
