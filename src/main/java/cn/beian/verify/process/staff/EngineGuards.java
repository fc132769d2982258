package cn.beian.verify.process.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Installs the engine-level defences of SECURITY.md into every command chain: {@link CommandFailureLogging} outermost
 * (it replaces the engine's command exception logging, which is switched off here so nothing is logged twice) and
 * {@link EngineCommandGuard} inside the command context. The HTTP edge (EngineRestEdge) answers most refusals before a
 * command runs; these hold for every path to the engine, including ones the edge does not know.
 */
@Component
public class EngineGuards extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableCmdExceptionLogging(false);

    add(configuration::getCustomPreCommandInterceptorsTxRequired, configuration::setCustomPreCommandInterceptorsTxRequired,
        new CommandFailureLogging(), true);
    add(configuration::getCustomPreCommandInterceptorsTxRequiresNew,
        configuration::setCustomPreCommandInterceptorsTxRequiresNew, new CommandFailureLogging(), true);
    add(configuration::getCustomPostCommandInterceptorsTxRequired,
        configuration::setCustomPostCommandInterceptorsTxRequired, new EngineCommandGuard(), false);
    add(configuration::getCustomPostCommandInterceptorsTxRequiresNew,
        configuration::setCustomPostCommandInterceptorsTxRequiresNew, new EngineCommandGuard(), false);
  }

  /** application.yaml switches expressions in queries off; a configuration that turns them on does not start */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.isEnableExpressionsInAdhocQueries() || configuration.isEnableExpressionsInStoredQueries()) {
      throw new IllegalStateException("enable-expressions-in-adhoc-queries and enable-expressions-in-stored-queries must"
          + " stay false: a query expression runs with full access to the JVM (SECURITY.md)");
    }
  }

  private static void add(Supplier<List<CommandInterceptor>> getter, Consumer<List<CommandInterceptor>> setter,
      CommandInterceptor interceptor, boolean first) {
    List<CommandInterceptor> interceptors = getter.get() == null ? new ArrayList<>() : new ArrayList<>(getter.get());
    if (first) {
      interceptors.add(0, interceptor);
    } else {
      interceptors.add(interceptor);
    }
    setter.accept(interceptors);
  }
}
