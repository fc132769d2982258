package cn.beian.verify.process.identity;

import cn.beian.verify.kernel.Provinces;
import cn.beian.verify.process.FilingProcess;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateCaseExecution;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Instances of the shared (tenant-less) definitions belong to the province of their filing: the tenant is the
 * {@code province} start variable; called instances and decisions inherit the tenant of their caller.
 */
public class ProvinceTenantIdProvider implements TenantIdProvider {

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
    return inherited(ctx.getSuperExecution(), ctx.getSuperCaseExecution(), ctx.getVariables());
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
    return inherited(ctx.getSuperExecution(), ctx.getSuperCaseExecution(), ctx.getVariables());
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
    if (ctx.getExecution() != null) {
      return ctx.getExecution().getTenantId();
    }
    if (ctx.getCaseExecution() != null) {
      return ctx.getCaseExecution().getTenantId();
    }
    return null; // a standalone evaluation belongs to no province
  }

  private static String inherited(DelegateExecution superExecution, DelegateCaseExecution superCaseExecution, VariableMap variables) {
    if (superExecution != null) {
      return superExecution.getTenantId();
    }
    if (superCaseExecution != null) {
      return superCaseExecution.getTenantId();
    }
    return province(variables);
  }

  /** no province: a tenant-less instance (not a filing); an unknown one is refused rather than hidden in a tenant nobody holds */
  static String province(VariableMap variables) {
    Object value = variables == null ? null : variables.get(FilingProcess.Vars.PROVINCE);
    if (value == null) {
      return null;
    }
    String code = value.toString();
    if (!Provinces.isKnown(code)) {
      throw new ProcessEngineException("Unknown province '" + code + "': not an ISO 3166-2:CN mainland province code");
    }
    return code;
  }
}
