package cn.beian.verify.process.ops;

import cn.beian.verify.process.FilingProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The engine's checks, in place of the Camunda starter's (its engine check is always UP, its job executor check is
 * DOWN on a node configured to execute no jobs).
 */
final class EngineHealthIndicators {
  private EngineHealthIndicators() {}

  /** {@code processEngine}: the engine answers a query on its database and the filing process is deployed */
  static class ProcessEngineCheck extends AbstractHealthIndicator {
    private final ProcessEngine engine;

    ProcessEngineCheck(ProcessEngine engine) {
      super("Process engine health check failed");
      this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
      long deployed = engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey(FilingProcess.KEY).count();
      (deployed > 0 ? builder.up() : builder.down().withDetail("error", FilingProcess.KEY + " is not deployed"))
          .withDetail("name", engine.getName()).withDetail("filingProcessVersions", deployed);
    }
  }

  /**
   * {@code jobExecutor}: UP while this node's job executor runs; DOWN when it should run but does not (timers and
   * save points of the requests would wait for other nodes); UP with {@code enabled=false} on a node configured to
   * execute no jobs ({@code camunda.bpm.job-execution.enabled=false}).
   */
  static class JobExecutorCheck extends AbstractHealthIndicator {
    private final JobExecutor jobExecutor;

    /** @param jobExecutor null when this node executes no jobs */
    JobExecutorCheck(JobExecutor jobExecutor) {
      super("Job executor health check failed");
      this.jobExecutor = jobExecutor;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
      if (jobExecutor == null) {
        builder.up().withDetail("enabled", false);
        return;
      }
      (jobExecutor.isActive() ? builder.up() : builder.down()).withDetail("enabled", true)
          .withDetail("active", jobExecutor.isActive()).withDetail("lockOwner", jobExecutor.getLockOwner());
    }
  }
}
