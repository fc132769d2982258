package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every job has a due date, jobs and tasks are indexed for their lookups, and jobs from before get a due date. */
class EngineIndexesTest extends ProcessScenarioSupport {

  @AfterEach
  void resetClock() {
    org.camunda.bpm.engine.impl.util.ClockUtil.reset();
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  @Test
  void shouldAcquireByDueDateWithEveryJobDated() {
    assertThat(configuration().isEnsureJobDueDateNotNull()).isTrue();
    assertThat(configuration().isJobExecutorAcquireByDueDate()).isTrue();
    assertThat(indexedColumns(EngineIndexes.JOB_DUEDATE)).containsExactly("ACT_RU_JOB.DUEDATE_");
  }

  @Test
  void shouldFindSubtasksByTheirParentThroughAnIndex() {
    assertThat(indexedColumns(EngineIndexes.TASK_PARENT)).containsExactly("ACT_RU_TASK.PARENT_TASK_ID_");
    // the engine's own statement (Task.xml selectTasksByParentTaskId), run on every task completion
    assertThat(jdbc.queryForObject("EXPLAIN select * from ACT_RU_TASK where PARENT_TASK_ID_ = 'a-task'", String.class))
        .contains(EngineIndexes.TASK_PARENT).doesNotContain("tableScan");
  }

  private java.util.List<String> indexedColumns(String index) {
    return jdbc.queryForList("SELECT TABLE_NAME || '.' || COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS "
        + "WHERE INDEX_NAME = ? ORDER BY ORDINAL_POSITION", String.class, index);
  }

  /** at {@code now}: a filing whose first verifier verifies, leaving the multi-instance continuation job */
  private Job continuationAfterFirstVerification(Instant now) {
    setClock(now);
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("欧阳娜娜")));
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    return engine.getManagementService().createJobQuery().messages()
        .processInstanceId(verificationInstance(filingId).getId()).singleResult();
  }

  @Test
  void shouldDateTheContinuationAfterAVerificationAsDueNow() {
    Instant now = Instant.parse("2026-03-02T02:00:00Z");

    Job continuation = continuationAfterFirstVerification(now);

    assertThat(continuation.getDuedate()).isEqualTo(Date.from(now));
  }

  @Test
  void shouldMakeAJobWithoutADueDateDueAtStartUp() throws SQLException {
    Instant now = Instant.parse("2026-03-02T02:00:00Z");
    String jobId = continuationAfterFirstVerification(now).getId();
    // as a job written before due dates were enforced
    jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE ID_ = ?", jobId);
    setClock(now.plusSeconds(60));

    int dated = EngineIndexes.prepare(configuration().getDataSource(), configuration().getDatabaseTablePrefix());

    assertThat(dated).isGreaterThanOrEqualTo(1);
    assertThat(engine.getManagementService().createJobQuery().jobId(jobId).singleResult().getDuedate())
        .isEqualTo(Date.from(now.plusSeconds(60)));
  }
}
