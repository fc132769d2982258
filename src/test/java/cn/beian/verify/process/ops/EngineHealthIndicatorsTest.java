package cn.beian.verify.process.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.beian.verify.process.FilingProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The engine's health checks' states, from the engine and job executor they are given. */
class EngineHealthIndicatorsTest {

  @Test
  void shouldBeUpOnlyWhenTheEngineAnswersAndTheFilingProcessIsDeployed() {
    // given an engine with the filing process, one without, and one whose database is gone
    ProcessEngine deployed = engineWithFilingVersions(2);
    ProcessEngine empty = engineWithFilingVersions(0);
    ProcessEngine broken = mock(ProcessEngine.class, RETURNS_DEEP_STUBS);
    when(broken.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(FilingProcess.KEY).count())
        .thenThrow(new ProcessEngineException("database unreachable"));

    // when / then
    assertThat(new EngineHealthIndicators.ProcessEngineCheck(deployed).health().getStatus()).isEqualTo(Status.UP);
    assertThat(new EngineHealthIndicators.ProcessEngineCheck(empty).health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(new EngineHealthIndicators.ProcessEngineCheck(broken).health().getStatus()).isEqualTo(Status.DOWN);
  }

  private static ProcessEngine engineWithFilingVersions(long versions) {
    ProcessEngine engine = mock(ProcessEngine.class, RETURNS_DEEP_STUBS);
    when(engine.getName()).thenReturn("default");
    when(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(FilingProcess.KEY).count())
        .thenReturn(versions);
    return engine;
  }

  @Test
  void shouldBeDownWhileAJobExecutorThatShouldRunDoesNot() {
    // given a node configured to execute jobs, before and after its job executor started
    DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
    var check = new EngineHealthIndicators.JobExecutorCheck(jobExecutor);
    assertThat(check.health().getStatus()).isEqualTo(Status.DOWN);
    jobExecutor.start();
    try {
      // when / then
      assertThat(check.health().getStatus()).isEqualTo(Status.UP);
      assertThat(check.health().getDetails()).containsEntry("active", true);
    } finally {
      jobExecutor.shutdown();
    }
    // and a node configured to execute no jobs is not failing for that
    Health disabled = new EngineHealthIndicators.JobExecutorCheck(null).health();
    assertThat(disabled.getStatus()).isEqualTo(Status.UP);
    assertThat(disabled.getDetails()).containsEntry("enabled", false);
  }
}
