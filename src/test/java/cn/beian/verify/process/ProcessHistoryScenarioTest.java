package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.identity.IdentitySetup;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.junit.jupiter.api.Test;

/**
 * What a request leaves in the engine's history (issue 17): what reviewers, auditors and operators read is kept — the
 * decisions with the inputs they were given, the product's variables with their last value, the way the request took,
 * tasks and who worked them, user operations, each job's execution — while the decisions' inputs are not stored as
 * variables, and neither the engine's multi-instance counters, nor a detail row per variable write, nor the job log's
 * creation and deletion entries are kept in history.
 */
class ProcessHistoryScenarioTest extends ProcessScenarioSupport {
  private static final List<String> DECISION_INPUTS = List.of(FilingProcess.Vars.FILING_TYPE,
      FilingProcess.Vars.SERVICE_TYPE, FilingProcess.Vars.ENTITY_CHANGED, FilingProcess.Vars.WEBSITES_CHANGED,
      FilingProcess.Vars.REMARKS_ONLY, FilingProcess.Vars.SUBMITTED_ON);

  @Test
  void shouldKeepDecisionsAndRoutingInHistoryButNeitherDecisionInputsAsVariablesNorEngineCounters() {
    // given a new website filing in Gansu with two principals, waiting for both
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));

    // then the decisions' inputs were never stored as variables, and the multi-instance counters are runtime
    // variables (the completion condition reads them)
    assertThat(runtimeVariableNames(filingInstance(filingId).getId())).contains(FilingProcess.Vars.ROUTE,
        FilingProcess.Vars.PROVINCE).doesNotContainAnyElementsOf(DECISION_INPUTS);
    assertThat(engine.getRuntimeService().createVariableInstanceQuery()
        .processInstanceIdIn(verificationInstance(filingId).getId()).list()).extracting(VariableInstance::getName)
        .contains("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter");

    // when both verify and the reviewer approves
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    verificationService.check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "材料齐全"));
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.APPROVED);

    // then both decisions are in history with the inputs they were evaluated on
    String root = filingInstanceId(filingId);
    List<HistoricDecisionInstance> decisions = engine.getHistoryService().createHistoricDecisionInstanceQuery()
        .processInstanceId(root).includeInputs().list();
    assertThat(decisions).extracting(HistoricDecisionInstance::getDecisionDefinitionKey)
        .contains(FilingProcess.Decisions.SMS_VERIFICATION_ROLLOUT, FilingProcess.Decisions.VERIFIER_ROLES);
    assertThat(decisions.stream().flatMap(d -> d.getInputs().stream()).map(HistoricDecisionInputInstance::getValue)
        .map(String::valueOf).toList()).contains("NEW_FILING", "WEBSITE", "CN-GS");
    // the routing variables with their changes; no decision input, no engine counter, in either instance
    String[] instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(filingId).list().stream().map(i -> i.getId()).toArray(String[]::new);
    assertThat(instances).hasSize(2);
    List<String> kept = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceIdIn(instances)
        .list().stream().map(HistoricVariableInstance::getName).toList();
    assertThat(kept).contains(FilingProcess.Vars.FILING_ID, FilingProcess.Vars.ROUTE, FilingProcess.Vars.QUORUM,
            FilingProcess.Vars.VERIFICATION_OUTCOME, FilingProcess.Vars.APPROVED, SmsVerificationProcess.Vars.VERIFIER_ID)
        .doesNotContainAnyElementsOf(DECISION_INPUTS)
        .doesNotContainAnyElementsOf(EngineCountersHistoryFilter.COUNTERS);
    // the variable instances keep their last value (the per-write detail rows are not kept: see below)
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceIdIn(instances)
        .variableName(FilingProcess.Vars.APPROVED).singleResult().getValue()).isEqualTo(true);
  }

  @Test
  void shouldKeepWhatReviewersAuditorsAndOperatorsReadButNoDetailRowsNorJobCreationAndDeletion() {
    // given a whole request: submitted, both verifiers verified, approved by a signed-in reviewer
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    verificationService.check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);
    String reviewTaskId = reviewTask(filingId).getId();
    engine.getIdentityService().setAuthentication("history-auditor", List.of(IdentitySetup.ADMIN_GROUP));
    try {
      engine.getTaskService().complete(reviewTaskId,
          Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "材料齐全"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.APPROVED);
    HistoryService history = engine.getHistoryService();
    String[] instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(filingId).list()
        .stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    assertThat(instances).hasSize(2);

    // then neither instance has a variable-update detail row, nor a job created or deleted in its job log
    for (String instance : instances) {
      assertThat(history.createHistoricDetailQuery().processInstanceId(instance).count()).as("details").isZero();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_DETAIL WHERE PROC_INST_ID_ = ?", Long.class,
          instance)).isZero();
      assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).creationLog().count()).isZero();
      assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).deletionLog().count()).isZero();
    }
    // and it keeps each job's execution (which node ran it): the continuations after both verifications
    List<HistoricJobLog> ran = Arrays.stream(instances)
        .flatMap(instance -> history.createHistoricJobLogQuery().processInstanceId(instance).successLog().list()
            .stream()).toList();
    assertThat(ran).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(log -> assertThat(log.getHostname()).isNotBlank());
    // the way the request took (activity instances) and the tasks with who was asked and who completed them
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instances[0]).list())
        .extracting(HistoricActivityInstance::getActivityId)
        .contains(FilingProcess.Elements.RESOLVE_VERIFIERS, FilingProcess.Elements.REVIEW_FILING);
    List<HistoricTaskInstance> tasks = Arrays.stream(instances)
        .flatMap(instance -> history.createHistoricTaskInstanceQuery().processInstanceId(instance).list().stream())
        .toList();
    assertThat(tasks).extracting(HistoricTaskInstance::getTaskDefinitionKey)
        .contains(FilingProcess.Elements.REVIEW_FILING, SmsVerificationProcess.Elements.VERIFY_SMS_CODE);
    assertThat(history.createHistoricIdentityLinkLogQuery().taskId(reviewTaskId).list())
        .extracting(HistoricIdentityLinkLog::getGroupId).contains("bureau-CN-GS");
    // the user operation, the decisions with inputs and outputs, the variables
    assertThat(history.createUserOperationLogQuery().taskId(reviewTaskId).list())
        .extracting(UserOperationLogEntry::getOperationType, UserOperationLogEntry::getUserId)
        .contains(tuple(UserOperationLogEntry.OPERATION_TYPE_COMPLETE, "history-auditor"));
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(instances[0]).includeInputs()
        .includeOutputs().list()).isNotEmpty()
        .allSatisfy(decision -> assertThat(decision.getInputs()).isNotEmpty())
        .anySatisfy(decision -> assertThat(decision.getOutputs()).isNotEmpty());
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances).list())
        .extracting(HistoricVariableInstance::getName)
        .contains(FilingProcess.Vars.ROUTE, FilingProcess.Vars.APPROVED, SmsVerificationProcess.Vars.VERIFIER_ID);
    // and the request's own trail
    assertThat(events(filingId)).contains("APPROVED");
  }

  private List<String> runtimeVariableNames(String instanceId) {
    return engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(instanceId).list().stream()
        .map(VariableInstance::getName).collect(Collectors.toList());
  }
}
