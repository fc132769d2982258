package cn.beian.verify.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Personal data never reaches history: drops every variable and form-field history event of a
 * {@link SensitiveVariables} name before the engine's handlers (database and Spring event publisher) see it.
 */
@Component
public class PersonalDataHistoryFilter extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // after init the handler is the engine's composite of the DB handler and every custom handler: wrap all of them
    configuration.setHistoryEventHandler(new Handler(configuration.getHistoryEventHandler()));
  }

  static boolean isPersonal(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variableUpdate) {
      return SensitiveVariables.isSensitive(variableUpdate.getVariableName());
    }
    if (event instanceof HistoricFormPropertyEventEntity formProperty) {
      return SensitiveVariables.isSensitive(formProperty.getPropertyId());
    }
    return false;
  }

  /** the filtering handler in front of the engine's own */
  static final class Handler extends DroppingHistoryEventHandler {
    Handler(HistoryEventHandler delegate) {
      super(delegate, PersonalDataHistoryFilter::isPersonal);
    }
  }
}
