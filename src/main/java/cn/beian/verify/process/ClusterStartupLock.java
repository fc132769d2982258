package cn.beian.verify.process;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One node at a time builds its engine and runs the start-up plugins (tenants, groups, authorizations, filters, the
 * demo accounts): each of them looks for what exists and creates what is missing, and two nodes starting on an empty
 * database at the same moment both found the same authorization missing and one died on the unique key
 * (act_uniq_auth_group). On PostgreSQL a session advisory lock is taken before the engine is built and released after
 * the last plugin ran (this plugin is ordered last); a node that fails on the way closes its pool, and with it the
 * lock. The schema itself is made earlier, under Flyway's lock. Deployments take the engine's own deployment lock.
 * H2, the embedded default, is one process's database: nothing to serialize.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ClusterStartupLock extends AbstractProcessEnginePlugin {
  /** the advisory lock's key: any constant no one else uses ("beianSU" in ASCII) */
  static final long KEY = 0x62_65_69_61_6e_53_55L;
  private static final Logger log = LoggerFactory.getLogger(ClusterStartupLock.class);

  private Connection holder;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    holder = acquire(configuration.getDataSource());
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    release();
  }

  /** the connection that holds the lock, or null where there is nothing to lock */
  static Connection acquire(DataSource dataSource) {
    try {
      Connection connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return null;
      }
      if (!tryLock(connection)) {
        log.info("Another node is starting on this database: waiting for it to finish its start-up");
        waitForLock(connection);
      }
      return connection;
    } catch (SQLException e) {
      throw new ProcessEngineException("could not take the start-up lock", e);
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, KEY);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** returns (pg_advisory_lock returns void) only once the lock is held */
  private static void waitForLock(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
      statement.setLong(1, KEY);
      statement.execute();
    }
  }

  private void release() {
    if (holder == null) {
      return;
    }
    try (Connection connection = holder; Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
    } catch (SQLException e) {
      throw new ProcessEngineException("could not release the start-up lock", e);
    } finally {
      holder = null;
    }
  }
}
