package cn.beian.verify.process.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Job execution and acquisition on this node, counted where the engine runs them: every command passes the
 * interceptors the engine configuration lists, and two of them are the job executor's (acquire a batch of due jobs,
 * execute one job). The engine's own metrics are written to its database every 15 minutes and reset; these count
 * from the node's start, as Prometheus expects, and exist at zero from the start, so that a rate is defined before
 * the first job.
 */
@Component
class EngineJobMetrics extends AbstractProcessEnginePlugin implements MeterBinder {
  private static final String EXECUTED = "beian.engine.jobs.executed";
  private static final String EXECUTED_DESCRIPTION = "Jobs executed on this node: success, failure (retried, then an "
      + "incident) or conflict (optimistic locking, retried)";
  private static final String ACQUISITIONS = "beian.engine.job.acquisitions";
  private static final String ACQUISITIONS_DESCRIPTION = "Job acquisition cycles of this node's job executor: some "
      + "jobs acquired, none due, or failed";
  private static final String ACQUIRED = "beian.engine.jobs.acquired";
  private static final String ACQUIRED_DESCRIPTION = "Jobs this node's job executor acquired";

  private final ObjectProvider<MeterRegistry> registry;

  EngineJobMetrics(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // appended: another plugin's interceptors stay where they are
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new Counting());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    for (String result : new String[] {"success", "failure", "conflict"}) {
      Counter.builder(EXECUTED).description(EXECUTED_DESCRIPTION).tag("result", result).register(meters);
    }
    for (String result : new String[] {"acquired", "empty", "failure"}) {
      Counter.builder(ACQUISITIONS).description(ACQUISITIONS_DESCRIPTION).tag("result", result).register(meters);
    }
    Counter.builder(ACQUIRED).description(ACQUIRED_DESCRIPTION).register(meters);
  }

  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry.getObject());
  }

  /** outside the transaction, so a job whose commit fails counts as failed */
  private final class Counting extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof ExecuteJobsCmd) {
        return executed(command);
      }
      if (command instanceof AcquireJobsCmd) {
        return acquired(command);
      }
      return next.execute(command);
    }

    private <T> T executed(Command<T> command) {
      String result = "success";
      try {
        return next.execute(command);
      } catch (OptimisticLockingException e) {
        // another node or thread changed the same instance: the job runs again, nothing is lost
        result = "conflict";
        throw e;
      } catch (RuntimeException | Error e) {
        result = "failure";
        throw e;
      } finally {
        counter(EXECUTED, EXECUTED_DESCRIPTION, "result", result).increment();
      }
    }

    private <T> T acquired(Command<T> command) {
      T result;
      try {
        result = next.execute(command);
      } catch (RuntimeException e) {
        counter(ACQUISITIONS, ACQUISITIONS_DESCRIPTION, "result", "failure").increment();
        throw e;
      }
      int jobs = result instanceof AcquiredJobs acquiredJobs ? acquiredJobs.size() : 0;
      counter(ACQUISITIONS, ACQUISITIONS_DESCRIPTION, "result", jobs > 0 ? "acquired" : "empty").increment();
      counter(ACQUIRED, ACQUIRED_DESCRIPTION).increment(jobs);
      return result;
    }
  }
}
