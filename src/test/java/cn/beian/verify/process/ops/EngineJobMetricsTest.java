package cn.beian.verify.process.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** Job acquisition cycles as the interceptor the plugin adds to the engine sees and counts them. */
class EngineJobMetricsTest {
  private final MeterRegistry meters = new SimpleMeterRegistry();

  private CommandInterceptor interceptorAnswering(Object answer) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("meters", meters);
    EngineJobMetrics plugin = new EngineJobMetrics(beans.getBeanProvider(MeterRegistry.class));
    plugin.bindTo(meters);
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    plugin.preInit(configuration);
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired();
    assertThat(interceptors).hasSize(1);
    CommandInterceptor counting = interceptors.get(0);
    counting.setNext(new CommandInterceptor() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T execute(Command<T> command) {
        if (answer instanceof RuntimeException e) {
          throw e;
        }
        return (T) answer;
      }
    });
    return counting;
  }

  private double count(String name, String... tags) {
    return meters.get(name).tags(tags).counter().count();
  }

  @Test
  void shouldCountAcquisitionCyclesAndTheJobsTheyAcquired() {
    // given the job executor's acquisition finding three jobs, then none, then failing
    AcquiredJobs three = new AcquiredJobs(3);
    three.addJobIdBatch(List.of("a", "b"));
    three.addJobIdBatch(List.of("c"));
    AcquireJobsCmd acquire = new AcquireJobsCmd(new DefaultJobExecutor());

    // when
    interceptorAnswering(three).execute(acquire);
    interceptorAnswering(new AcquiredJobs(3)).execute(acquire);
    assertThatThrownBy(() -> interceptorAnswering(new ProcessEngineException("database gone")).execute(acquire))
        .isInstanceOf(ProcessEngineException.class);

    // then one cycle of each kind, and the three jobs, were counted
    assertThat(count("beian.engine.job.acquisitions", "result", "acquired")).isEqualTo(1);
    assertThat(count("beian.engine.job.acquisitions", "result", "empty")).isEqualTo(1);
    assertThat(count("beian.engine.job.acquisitions", "result", "failure")).isEqualTo(1);
    assertThat(meters.get("beian.engine.jobs.acquired").counter().count()).isEqualTo(3);
  }

  @Test
  void shouldLeaveOtherCommandsAlone() {
    // given a command that is neither an acquisition nor a job
    Command<String> other = context -> "done";

    // when / then it passes through, counted nowhere
    assertThat(interceptorAnswering("done").execute(other)).isEqualTo("done");
    assertThat(meters.get("beian.engine.jobs.executed").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    assertThat(meters.get("beian.engine.job.acquisitions").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
  }
}
