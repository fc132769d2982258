package cn.beian.verify.process.ops;

import cn.beian.verify.ops.EngineBacklog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The engine's backlog for the operational figures: its open incidents and its due jobs. */
@Component
class EngineBacklogFigures implements EngineBacklog {
  private final JdbcTemplate jdbc;
  private final ProcessEngine engine;

  EngineBacklogFigures(JdbcTemplate jdbc, ProcessEngine engine) {
    this.jdbc = jdbc;
    this.engine = engine;
  }

  /** the engine API counts one type at a time; one grouped query over its incident table counts them all */
  @Override
  public Map<String, Long> incidentsByType() {
    String prefix = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseTablePrefix();
    Map<String, Long> byType = new LinkedHashMap<>();
    jdbc.query("SELECT INCIDENT_TYPE_ AS type, COUNT(*) AS n FROM " + prefix + "ACT_RU_INCIDENT "
        + "GROUP BY INCIDENT_TYPE_ ORDER BY INCIDENT_TYPE_", rs -> {
          byType.put(rs.getString("type"), rs.getLong("n"));
        });
    return Map.copyOf(byType);
  }

  @Override
  public long executableJobs() {
    return engine.getManagementService().createJobQuery().executable().count();
  }

  @Override
  public Instant oldestDueJob() {
    ManagementService management = engine.getManagementService();
    List<Job> oldestDue = management.createJobQuery().executable().orderByJobDuedate().asc().listPage(0, 1);
    return oldestDue.isEmpty() || oldestDue.get(0).getDuedate() == null ? null
        : oldestDue.get(0).getDuedate().toInstant();
  }
}
