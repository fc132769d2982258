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
 * Job acquisition stays cheap while hundreds of thousands of timers wait (three per pending filing).
 *
 * <p>application.yaml gives every job a due date ({@code ensure-job-due-date-not-null}: a message job is due when it is
 * created) and acquires by due date, so the acquisition query asks for {@code DUEDATE_ <= now} in due-date order.
 * Camunda ships no index on {@code ACT_RU_JOB.DUEDATE_}: without one, every acquisition (every 0.5–1 s) reads the
 * whole job table. This creates it, once, after the engine has created or updated its tables; and jobs written
 * before due dates were enforced get one, or the acquisition would never see them again.
 */
@Component
public class JobAcquisitionIndex extends AbstractProcessEnginePlugin {
  static final String INDEX = "BEIAN_IDX_JOB_DUEDATE";
  private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    try {
      prepare(configuration.getDataSource(), configuration.getDatabaseTablePrefix());
    } catch (SQLException e) {
      throw new ProcessEngineException("could not index ACT_RU_JOB by due date", e);
    }
  }

  /** creates the index if missing and dates the jobs that have no due date; returns how many were dated */
  static int prepare(DataSource dataSource, String tablePrefix) throws SQLException {
    String table = tablePrefix + "ACT_RU_JOB";
    try (Connection connection = dataSource.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON " + table + " (DUEDATE_)");
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
