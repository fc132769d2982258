package cn.beian.verify.process.db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two indexes Camunda's schema lacks (on H2 and PostgreSQL alike), for a workload where every pending filing keeps
 * two open tasks and three timers. Until this migration they were created by a process engine plugin at every
 * start-up; {@code IF NOT EXISTS} keeps databases that already have them.
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
public class V5_2__EngineIndexes extends BaseJavaMigration {
  public static final String JOB_DUEDATE = "BEIAN_IDX_JOB_DUEDATE";
  public static final String TASK_PARENT = "BEIAN_IDX_TASK_PARENT";
  private static final Logger log = LoggerFactory.getLogger(V5_2__EngineIndexes.class);

  @Override
  public void migrate(Context context) throws Exception {
    prepare(context.getConnection(), Instant.now());
  }

  /** creates the indexes if missing and makes the jobs without a due date due at {@code now}; returns how many */
  public static int prepare(Connection connection, Instant now) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE INDEX IF NOT EXISTS " + JOB_DUEDATE + " ON ACT_RU_JOB (DUEDATE_)");
      statement.execute("CREATE INDEX IF NOT EXISTS " + TASK_PARENT + " ON ACT_RU_TASK (PARENT_TASK_ID_)");
    }
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE ACT_RU_JOB SET DUEDATE_ = ? WHERE DUEDATE_ IS NULL")) {
      update.setTimestamp(1, Timestamp.from(now));
      int dated = update.executeUpdate();
      if (dated > 0) {
        log.info("{} jobs without a due date are due now", dated);
      }
      return dated;
    }
  }
}
