package cn.beian.verify.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * History levels to measure what the history the product does not need costs (tuning experiments only, chosen with
 * {@code -Dbench.app=camunda.bpm.history-level=bench-lean}); shipping one would be a product change (a custom
 * {@link HistoryLevel} registered by a plugin). Both keep what reviewers and auditors need: decision evaluations,
 * the user-operation log, incidents, process and task instances with who did what, variable values, identity links.
 * <ul>
 *   <li>{@code bench-lean}: full without the variable-update details and form-property updates (ACT_HI_DETAIL) and
 *   without the job log (ACT_HI_JOB_LOG; a failing job still leaves its incident).
 *   <li>{@code bench-trail}: bench-lean without activity instances (ACT_HI_ACTINST): the path through the model is
 *   not kept, the product's own trail (filing_event) says what happened to a request.
 * </ul>
 */
final class BenchHistoryLevels extends AbstractProcessEnginePlugin {
  static final String PREFIX = "bench-";

  private static final Set<HistoryEventTypes> NOT_IN_LEAN = EnumSet.of(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL,
      HistoryEventTypes.FORM_PROPERTY_UPDATE, HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_FAIL,
      HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_DELETE);
  private static final Set<HistoryEventTypes> NOT_IN_TRAIL = EnumSet.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
      HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE,
      HistoryEventTypes.ACTIVITY_INSTANCE_END);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(new Level(71, "bench-lean", NOT_IN_LEAN));
    Set<HistoryEventTypes> trail = EnumSet.copyOf(NOT_IN_LEAN);
    trail.addAll(NOT_IN_TRAIL);
    levels.add(new Level(72, "bench-trail", trail));
    configuration.setCustomHistoryLevels(levels);
  }

  private record Level(int id, String name, Set<HistoryEventTypes> dropped) implements HistoryLevel {
    @Override
    public int getId() {
      return id;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      return !(eventType instanceof HistoryEventTypes type && dropped.contains(type));
    }
  }
}
