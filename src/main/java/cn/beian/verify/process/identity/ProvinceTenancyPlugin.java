package cn.beian.verify.process.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Registers {@link ProvinceTenantIdProvider}: the engine then enforces that each bureau sees only its province. */
@Component
public class ProvinceTenancyPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(new ProvinceTenantIdProvider());
  }
}
