package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

class PersonalDataHistoryFilterHandlerTest {

  final List<HistoryEvent> handled = new ArrayList<>();
  final HistoryEventHandler recording = new HistoryEventHandler() {
    @Override public void handleEvent(HistoryEvent event) { handled.add(event); }
    @Override public void handleEvents(List<HistoryEvent> events) { handled.addAll(events); }
  };
  final PersonalDataHistoryFilter.Handler filter = new PersonalDataHistoryFilter.Handler(recording);

  @Test
  void shouldDropVariableAndFormFieldEventsOfSensitiveNames() {
    filter.handleEvent(variable("smsCode"));
    filter.handleEvent(formField("entityPrincipalIdNumber"));
    filter.handleEvent(variable("reviewSummary"));
    assertThat(handled).isEmpty();
  }

  @Test
  void shouldPassEverythingElse() {
    HistoryEvent instance = new HistoricProcessInstanceEventEntity();
    filter.handleEvent(variable("filingId"));
    filter.handleEvent(formField("approved"));
    filter.handleEvent(instance);
    assertThat(handled).hasSize(3).contains(instance);
  }

  @Test
  void shouldFilterBatchesToo() {
    HistoryEvent kept = variable("verificationOutcome");
    filter.handleEvents(List.of(variable("phone"), kept, formField("websitePrincipalPhone")));
    assertThat(handled).containsExactly(kept);
  }

  @Test
  void shouldNotPassAnEmptyBatchOn() {
    filter.handleEvents(List.of(variable("idLast6")));
    assertThat(handled).isEmpty();
  }

  static HistoryEvent variable(String name) {
    HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
    event.setVariableName(name);
    return event;
  }

  static HistoryEvent formField(String name) {
    HistoricFormPropertyEventEntity event = new HistoricFormPropertyEventEntity();
    event.setPropertyId(name);
    return event;
  }
}
