package cn.beian.verify.process;

import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * A history event handler in front of the engine's own that drops the events a filter names (personal data,
 * the engine's bookkeeping) before any handler sees them; an emptied batch is not passed on.
 */
class DroppingHistoryEventHandler implements HistoryEventHandler {
  private final HistoryEventHandler delegate;
  private final Predicate<HistoryEvent> dropped;

  DroppingHistoryEventHandler(HistoryEventHandler delegate, Predicate<HistoryEvent> dropped) {
    this.delegate = delegate;
    this.dropped = dropped;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!dropped.test(event)) {
      delegate.handleEvent(event);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    List<HistoryEvent> kept = events.stream().filter(dropped.negate()).toList();
    if (!kept.isEmpty()) {
      delegate.handleEvents(kept);
    }
  }
}
