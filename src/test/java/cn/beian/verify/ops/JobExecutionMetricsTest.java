package cn.beian.verify.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/** Jobs executed on the node are counted by result, through the interceptor the engine runs every command through. */
class JobExecutionMetricsTest extends OpsTestSupport {
  private static final String PROCESS = "OpsTest_Jobs";

  @Test
  void shouldCountJobsThatSucceedAndJobsThatFail() {
    // given a process whose first save point succeeds and whose second fails
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("ServiceTask_Succeeds").camundaAsyncBefore().camundaExpression("${true}")
        .serviceTask("ServiceTask_Fails").camundaAsyncBefore().camundaExpression("${noSuchBean.call()}")
        .endEvent().done();
    String deployment = engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn", model)
        .deploy().getId();
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(PROCESS);
    List<Sample> before = scrape();
    try {
      // when its jobs are executed
      engine.getManagementService().executeJob(job(instance).getId());
      assertThatThrownBy(() -> engine.getManagementService().executeJob(job(instance).getId()))
          .hasMessageContaining("noSuchBean");

      // then one success and one failure were counted
      List<Sample> after = scrape();
      assertThat(value(after, "beian_engine_jobs_executed_total", "result", "success")
          - value(before, "beian_engine_jobs_executed_total", "result", "success")).isEqualTo(1);
      assertThat(value(after, "beian_engine_jobs_executed_total", "result", "failure")
          - value(before, "beian_engine_jobs_executed_total", "result", "failure")).isEqualTo(1);
      // and the failed job, still due, is among the executable jobs
      assertThat(value(after, "beian_engine_jobs_executable")).isPositive();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  private Job job(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
  }
}
