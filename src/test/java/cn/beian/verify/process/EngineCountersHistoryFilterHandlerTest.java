package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

class EngineCountersHistoryFilterHandlerTest {

  final List<HistoryEvent> handled = new ArrayList<>();
  final HistoryEventHandler recording = new HistoryEventHandler() {
    @Override public void handleEvent(HistoryEvent event) { handled.add(event); }
    @Override public void handleEvents(List<HistoryEvent> events) { handled.addAll(events); }
  };
  final EngineCountersHistoryFilter.Handler filter = new EngineCountersHistoryFilter.Handler(recording);

  @Test
  void shouldDropTheMultiInstanceCountersOfTheProductsProcesses() {
    filter.handleEvent(variable(SmsVerificationProcess.KEY, "nrOfActiveInstances"));
    filter.handleEvent(variable(SmsVerificationProcess.KEY, "loopCounter"));
    filter.handleEvents(List.of(variable(FilingProcess.KEY, "nrOfInstances"),
        variable(SmsVerificationProcess.KEY, "nrOfCompletedInstances")));
    assertThat(handled).isEmpty();
  }

  @Test
  void shouldKeepTheProductsVariablesAndOtherProcessesCounters() {
    HistoryEvent route = variable(FilingProcess.KEY, FilingProcess.Vars.ROUTE);
    HistoryEvent verifier = variable(SmsVerificationProcess.KEY, SmsVerificationProcess.Vars.VERIFIER_ID);
    HistoryEvent otherCounter = variable("SomeoneElsesProcess", "nrOfInstances");
    filter.handleEvents(List.of(route, variable(SmsVerificationProcess.KEY, "loopCounter"), verifier));
    filter.handleEvent(otherCounter);
    assertThat(handled).containsExactly(route, verifier, otherCounter);
  }

  static HistoryEvent variable(String processDefinitionKey, String name) {
    HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
    event.setProcessDefinitionKey(processDefinitionKey);
    event.setVariableName(name);
    return event;
  }
}
