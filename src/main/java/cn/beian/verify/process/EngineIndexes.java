package cn.beian.verify.process;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Two indexes Camunda's schema lacks (on H2 and PostgreSQL alike), for a workload where every pending filing keeps
 * two open tasks and three timers, created once after the engine has created or updated its tables.
 *
 * <ul>
 *   <li>{@code ACT_RU_JOB (DUEDATE_)}: application.yaml gives every job a due date
 *       ({@code ensure-job-due-date-not-null}: a message job is due when it is created) and acquires by due date, so
 *       the acquisition query asks for {@code DUEDATE_ <= now} in due-date order; without the index every acquisition
 *       (every 0.5–1 s) reads the whole job table. Jobs written before due dates were enforced get one, or the
 *       acquisition would never see them again.</li>
 *   <li>{@code ACT_RU_TASK (PARENT_TASK_ID_)}: completing a task looks for its subtasks by parent id, so without the
 *       index every verification and every review read the whole task table.</li>
 * </ul>
 */
@Component
public class EngineIndexes extends AbstractProcessEnginePlugin {
  static final String JOB_DUEDATE = "BEIAN_IDX_JOB_DUEDATE";
  static final String TASK_PARENT = "BEIAN_IDX_TASK_PARENT";
  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    try {
      prepare(configuration.getDataSource(), configuration.getDatabaseTablePrefix());
    } catch (SQLException e) {
      throw new ProcessEngineException("could not create the engine indexes", e);
    }
  }

  /** creates the indexes if missing and dates the jobs that have no due date; returns how many were dated */
  static int prepare(DataSource dataSource, String tablePrefix) throws SQLException {
    String table = tablePrefix + "ACT_RU_JOB";
    try (Connection connection = dataSource.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE INDEX IF NOT EXISTS " + JOB_DUEDATE + " ON " + table + " (DUEDATE_)");
        statement.execute("CREATE INDEX IF NOT EXISTS " + TASK_PARENT + " ON " + tablePrefix
            + "ACT_RU_TASK (PARENT_TASK_ID_)");
      }
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE " + table + " SET DUEDATE_ = ? WHERE DUEDATE_ IS NULL")) {
        update.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
        int dated = update.executeUpdate();
        if (dated > 0) {
          log.info("{} jobs without a due date are due now", dated);
        }
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
        return dated;
      }
    }
  }
}
