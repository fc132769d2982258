package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.retention.RetentionProperties;
import cn.beian.verify.verification.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's history of a request goes at the horizon its personal data goes: every definition's historyTimeToLive
 * is the retention period, removal times count from the request's end, and the nightly cleanup removes the history
 * once that time has passed, not before.
 */
class HistoryCleanupScenarioTest extends ProcessScenarioSupport {
  private static final List<String> PRODUCT_DEFINITIONS = List.of(FilingProcess.KEY, SmsVerificationProcess.KEY,
      "VerifierRoles", "SmsVerificationRollout");

  @Autowired RetentionProperties retention;

  @Test
  void shouldGiveEveryProcessAndDecisionTheRetentionPeriodAsHistoryTimeToLive() {
    // given the retention period (180 days, as the models declare)
    assertThat(retention.days()).isEqualTo(180);

    // then every version of every product definition keeps its history that long
    assertThat(timesToLive()).containsOnlyKeys(PRODUCT_DEFINITIONS).allSatisfy((key, ttls) ->
        assertThat(ttls).as(key).isNotEmpty().containsOnly(180));

    // when an operator configures another period, the next start applies it to every version
    try {
      HistoryTimeToLive.align(engine, 30);
      assertThat(timesToLive()).allSatisfy((key, ttls) -> assertThat(ttls).as(key).containsOnly(30));
      // and a start with the period already applied changes nothing
      assertThat(HistoryTimeToLive.align(engine, 30)).isZero();
    } finally {
      HistoryTimeToLive.align(engine, retention.days());
    }
  }

  @Test
  void shouldRunTheHistoryCleanupInTheNightlyWindowRemovingByEndTime() {
    // given the engine's configuration
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    // then the cleanup removes by removal time, counted from the end, from 02:00 to 06:00 Beijing (the JVM is in UTC)
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("18:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("22:00");
    assertThat(TimeZone.getDefault().getID()).isEqualTo("UTC");
    assertThat(engine.getHistoryService().findHistoryCleanupJobs()).isNotEmpty();
  }

  @Test
  void shouldRemoveARequestsHistoryOnlyOnceTheRetentionPeriodAfterItsEndHasPassed() {
    // given a request verified and approved
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, zhang));
    assertThat(verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang)).result())
        .isEqualTo(CheckResult.VERIFIED_COMPLETE);
    runJobs(filingId);
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "材料齐全"));
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.APPROVED);

    // then the history of both its processes is due for removal 180 days after the filing process ended
    List<HistoricProcessInstance> history = history(filingId);
    HistoricProcessInstance root = history.stream()
        .filter(h -> h.getProcessDefinitionKey().equals(FilingProcess.KEY)).findFirst().orElseThrow();
    Instant removal = root.getEndTime().toInstant().plus(Duration.ofDays(180));
    assertThat(history).hasSize(2).allSatisfy(h -> assertThat(h.getRemovalTime().toInstant()).isEqualTo(removal));
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(root.getId())
        .count()).isPositive();

    // when the cleanup runs a minute before that
    setClock(removal.minus(Duration.ofMinutes(1)));
    cleanUpHistory();
    // then the history is kept
    assertThat(history(filingId)).hasSize(2);

    // when it runs a minute after
    setClock(removal.plus(Duration.ofMinutes(1)));
    cleanUpHistory();
    // then it is gone, tasks, variables and decisions with it
    assertThat(history(filingId)).isEmpty();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(filingId)
        .count()).isZero();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(root.getId())
        .count()).isZero();
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(root.getId())
        .count()).isZero();
  }

  private void cleanUpHistory() {
    String job = engine.getHistoryService().cleanUpHistoryAsync(true).getId();
    engine.getManagementService().executeJob(job);
  }

  private List<HistoricProcessInstance> history(String filingId) {
    String root = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(filingId)
        .processDefinitionKey(FilingProcess.KEY).list().stream().map(HistoricProcessInstance::getId).findFirst()
        .orElse(null);
    return root == null ? List.of()
        : engine.getHistoryService().createHistoricProcessInstanceQuery().rootProcessInstanceId(root).list();
  }

  private Map<String, List<Integer>> timesToLive() {
    Map<String, List<Integer>> byKey = new TreeMap<>();
    for (ProcessDefinition d : engine.getRepositoryService().createProcessDefinitionQuery().list()) {
      byKey.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(d.getHistoryTimeToLive());
    }
    for (DecisionDefinition d : engine.getRepositoryService().createDecisionDefinitionQuery().list()) {
      byKey.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(d.getHistoryTimeToLive());
    }
    return byKey;
  }
}
