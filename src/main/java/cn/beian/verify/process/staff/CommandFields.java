package cn.beian.verify.process.staff;

import java.lang.reflect.Field;
import java.util.Map;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;

/**
 * What a client handed to the commands the guards inspect. The engine's commands keep their input in protected
 * fields and offer no getters; the fields are resolved when this class loads, so an engine that renamed one stops the
 * application at startup instead of silently switching a guard off (7.24.0 is the last CE release; this is the
 * version it is written against).
 */
final class CommandFields {
  private static final Field COMPLETE_TASK_ID = field(CompleteTaskCmd.class, "taskId");
  private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
  private static final Field SUBMIT_TASK_ID = field(SubmitTaskFormCmd.class, "taskId");
  private static final Field SUBMIT_PROPERTIES = field(SubmitTaskFormCmd.class, "properties");
  private static final Field START_DEFINITION_ID = field(SubmitStartFormCmd.class, "processDefinitionId");
  private static final Field START_VARIABLES = field(SubmitStartFormCmd.class, "variables");
  private static final Field FILTER_ID = field(AbstractExecuteFilterCmd.class, "filterId");
  private static final Field EXTENDING_QUERY = field(AbstractExecuteFilterCmd.class, "extendingQuery");
  private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");
  private static final Field CLAIMANT = field(ClaimTaskCmd.class, "userId");

  private CommandFields() {}

  /** what a command acts on (a task, a process definition) and the variables it sets */
  record Input(String targetId, Map<String, Object> variables) {}

  static Input of(CompleteTaskCmd command) {
    return new Input((String) read(COMPLETE_TASK_ID, command), variables(read(COMPLETE_VARIABLES, command)));
  }

  static Input of(SubmitTaskFormCmd command) {
    return new Input((String) read(SUBMIT_TASK_ID, command), variables(read(SUBMIT_PROPERTIES, command)));
  }

  /** the process definition a start form is submitted for, and its fields */
  static Input of(SubmitStartFormCmd command) {
    return new Input((String) read(START_DEFINITION_ID, command), variables(read(START_VARIABLES, command)));
  }

  static String filterId(AbstractExecuteFilterCmd command) {
    return (String) read(FILTER_ID, command);
  }

  static Object extendingQuery(AbstractExecuteFilterCmd command) {
    return read(EXTENDING_QUERY, command);
  }

  static Filter savedFilter(SaveFilterCmd command) {
    return (Filter) read(SAVED_FILTER, command);
  }

  /** who a task is claimed for (null: unclaimed) */
  static String claimant(ClaimTaskCmd command) {
    return (String) read(CLAIMANT, command);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          type.getName() + " has no field " + name + ": the engine guards do not fit this engine", e);
    }
  }

  private static Object read(Field field, Object command) {
    try {
      return field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }
}
