package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.junit.jupiter.api.Test;

/**
 * What a request leaves in the engine's history (issue 17): what reviewers and auditors read is kept — the decisions
 * with the inputs they were given, the product's routing variables with each change — while the decisions' inputs are
 * not stored as variables and the engine's multi-instance counters are not kept in history.
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
    List<String> changed = java.util.Arrays.stream(instances)
        .flatMap(instance -> engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance)
            .variableUpdates().list().stream())
        .map(HistoricVariableUpdate.class::cast).map(HistoricVariableUpdate::getVariableName).distinct().toList();
    assertThat(changed).contains(FilingProcess.Vars.ROUTE, FilingProcess.Vars.APPROVED)
        .doesNotContainAnyElementsOf(EngineCountersHistoryFilter.COUNTERS);
  }

  private List<String> runtimeVariableNames(String instanceId) {
    return engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(instanceId).list().stream()
        .map(VariableInstance::getName).collect(Collectors.toList());
  }
}
