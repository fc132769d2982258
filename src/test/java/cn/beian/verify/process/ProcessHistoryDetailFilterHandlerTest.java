package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

/**
 * The job log of the product's processes keeps each execution, not each creation and deletion; others keep all. (The
 * detail rows: ProcessHistoryScenarioTest for the product's processes, PersonalDataHistoryFilterTest for another
 * process in the same engine, which keeps them.)
 */
class ProcessHistoryDetailFilterHandlerTest {

  final List<HistoryEvent> handled = new ArrayList<>();
  final HistoryEventHandler recording = new HistoryEventHandler() {
    @Override public void handleEvent(HistoryEvent event) { handled.add(event); }
    @Override public void handleEvents(List<HistoryEvent> events) { handled.addAll(events); }
  };
  final ProcessHistoryDetailFilter.JobLogHandler filter = new ProcessHistoryDetailFilter.JobLogHandler(recording);

  @Test
  void shouldDropTheJobCreationAndDeletionEntriesOfTheProductsProcesses() {
    // when the product's jobs are created and deleted
    filter.handleEvent(job(FilingProcess.KEY, JobState.CREATED));
    filter.handleEvents(List.of(job(SmsVerificationProcess.KEY, JobState.CREATED),
        job(SmsVerificationProcess.KEY, JobState.DELETED)));
    // then nothing reaches the handlers
    assertThat(handled).isEmpty();
  }

  @Test
  void shouldKeepEachExecutionOfTheProductsJobsAndEverythingOfOtherProcesses() {
    // given a success, a failure, another process's creation and deletion, and a variable update
    HistoryEvent success = job(SmsVerificationProcess.KEY, JobState.SUCCESSFUL);
    HistoryEvent failure = job(FilingProcess.KEY, JobState.FAILED);
    HistoryEvent otherCreated = job("SomeoneElsesProcess", JobState.CREATED);
    HistoryEvent otherDeleted = job("SomeoneElsesProcess", JobState.DELETED);
    HistoryEvent variable = EngineCountersHistoryFilterHandlerTest.variable(FilingProcess.KEY, FilingProcess.Vars.ROUTE);
    // when they are handled among the product's creations
    filter.handleEvents(List.of(job(FilingProcess.KEY, JobState.CREATED), success, failure, otherCreated));
    filter.handleEvent(otherDeleted);
    filter.handleEvent(variable);
    // then all of them reach the handlers, in order
    assertThat(handled).containsExactly(success, failure, otherCreated, otherDeleted, variable);
  }

  static HistoryEvent job(String processDefinitionKey, JobState state) {
    HistoricJobLogEvent event = new HistoricJobLogEvent();
    event.setProcessDefinitionKey(processDefinitionKey);
    event.setState(state.getStateCode());
    return event;
  }
}
