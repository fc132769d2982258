package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.db.migration.V5_2__EngineIndexes;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every job has a due date, jobs and tasks are indexed for their lookups (migration V5_2), and jobs from before get a
 * due date. Read through JDBC's metadata and each database's own EXPLAIN, so it holds on H2 and PostgreSQL alike.
 */
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
    assertThat(indexedColumns("ACT_RU_JOB", V5_2__EngineIndexes.JOB_DUEDATE)).containsExactly("DUEDATE_");
  }

  @Test
  void shouldFindSubtasksByTheirParentThroughAnIndex() {
    assertThat(indexedColumns("ACT_RU_TASK", V5_2__EngineIndexes.TASK_PARENT)).containsExactly("PARENT_TASK_ID_");
    // the engine's own statement (Task.xml selectTasksByParentTaskId), run on every task completion
    assertThat(plan("select * from ACT_RU_TASK where PARENT_TASK_ID_ = 'a-task'"))
        .containsIgnoringCase(V5_2__EngineIndexes.TASK_PARENT).doesNotContain("tableScan").doesNotContain("Seq Scan");
  }

  /** the columns of an index of a table, in order, upper case */
  private List<String> indexedColumns(String table, String index) {
    return jdbc.execute((Connection connection) -> {
      DatabaseMetaData metaData = connection.getMetaData();
      String name = metaData.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(), name, false, false)) {
        while (rs.next()) {
          if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
            columns.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
          }
        }
      }
      return columns;
    });
  }

  /**
   * the database's plan for a query. PostgreSQL plans by cost, and on a nearly empty table a sequential scan is
   * always cheapest: sequential scans are switched off for this one plan, so that it shows whether an index can
   * serve the lookup at all (which is what the index is for once the table is large).
   */
  private String plan(String query) {
    return jdbc.execute((Connection connection) -> {
      boolean postgresql = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        if (postgresql) {
          statement.execute("SET LOCAL enable_seqscan = off");
        }
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = statement.executeQuery("EXPLAIN " + query)) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
        return plan.toString();
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    });
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
  void shouldMakeAJobWithoutADueDateDueWhenTheMigrationRuns() throws SQLException {
    Instant now = Instant.parse("2026-03-02T02:00:00Z");
    String jobId = continuationAfterFirstVerification(now).getId();
    // as a job written before due dates were enforced
    jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE ID_ = ?", jobId);

    int dated;
    try (Connection connection = configuration().getDataSource().getConnection()) {
      dated = V5_2__EngineIndexes.prepare(connection, now.plusSeconds(60));
    }

    assertThat(dated).isGreaterThanOrEqualTo(1);
    assertThat(engine.getManagementService().createJobQuery().jobId(jobId).singleResult().getDuedate())
        .isEqualTo(Date.from(now.plusSeconds(60)));
  }
}
