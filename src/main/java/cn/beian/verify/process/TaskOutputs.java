package cn.beian.verify.process;

import cn.beian.verify.kernel.Provinces;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a person may set when completing a user task or submitting the start form: the fields of that element's form,
 * typed and bounded. Everything else, the routing variables above all (filingId, verifierId, province, outcomes…), is
 * written by the product's own code only; a task of any other element accepts no variables at all.
 */
public final class TaskOutputs {

  enum Type { BOOLEAN, TEXT }

  record Output(String name, Type type, boolean required, int maxLength) {}

  record Declared(String formId, Map<String, Output> outputs) {}

  /** a review comment is free text, but not a document */
  static final int MAX_REVIEW_COMMENT = 1000;
  static final int MAX_VERIFIER_FIELD = 32;
  static final int MAX_START_FIELD = 256;

  private static final Map<String, Declared> BY_ELEMENT = Map.of(
      FilingProcess.Elements.REVIEW_FILING, new Declared(FilingProcess.Forms.REVIEW, outputs(
          output(FilingProcess.Variables.APPROVED, true, 0),
          output(FilingProcess.Variables.REVIEW_COMMENT, false, MAX_REVIEW_COMMENT))),
      SmsVerificationProcess.Elements.VERIFY_SMS_CODE, new Declared(SmsVerificationProcess.Forms.VERIFY, outputs(
          output(SmsVerificationProcess.Variables.SMS_CODE, false, MAX_VERIFIER_FIELD),
          output(SmsVerificationProcess.Variables.PHONE, false, MAX_VERIFIER_FIELD),
          output(SmsVerificationProcess.Variables.ID_LAST6, false, MAX_VERIFIER_FIELD))),
      FilingProcess.Elements.FILING_SUBMITTED, new Declared(FilingProcess.Forms.START, startForm()));

  private TaskOutputs() {}

  /** a form field that sets {@code variable}, typed as the variable is declared */
  private static Output output(ProcessVariable<?> variable, boolean required, int maxLength) {
    return new Output(variable.name(), variable.storedType() == Boolean.class ? Type.BOOLEAN : Type.TEXT, required,
        maxLength);
  }

  private static Map<String, Output> outputs(Output... outputs) {
    Map<String, Output> byName = new LinkedHashMap<>();
    for (Output output : outputs) {
      byName.put(output.name(), output);
    }
    return byName;
  }

  /** the start form's fields (StartForm), typed as declared there, and the province, which also picks the tenant */
  private static Map<String, Output> startForm() {
    Map<String, Output> byName = new LinkedHashMap<>();
    byName.put(FilingProcess.Vars.PROVINCE, new Output(FilingProcess.Vars.PROVINCE, Type.TEXT, true, MAX_START_FIELD));
    for (ProcessVariable<?> field : StartForm.FIELDS) {
      byName.put(field.name(), output(field, false, MAX_START_FIELD));
    }
    return byName;
  }

  /** the names element {@code elementId} accepts (none for an element without a declared form) */
  public static Set<String> names(String elementId) {
    Declared declared = BY_ELEMENT.get(elementId);
    return declared == null ? Set.of() : declared.outputs().keySet();
  }

  /** only the names, for a caller that has not decoded the values yet (the HTTP edge) */
  public static List<InputProblem> checkNames(String elementId, Collection<String> names) {
    List<InputProblem> problems = new ArrayList<>();
    for (String name : names) {
      if (!names(elementId).contains(name)) {
        problems.add(new InputProblem(name, label(elementId, name), StaffTexts.text("output.unknown")));
      }
    }
    return problems;
  }

  /**
   * names, types, sizes and required fields of what is about to be set on element {@code elementId}; values are plain
   * Java values or Camunda {@link TypedValue}s (as the REST API decodes them)
   */
  public static List<InputProblem> check(String elementId, Map<String, ?> values) {
    Map<String, ?> given = values == null ? Map.of() : values;
    List<InputProblem> problems = new ArrayList<>(checkNames(elementId, given.keySet()));
    Declared declared = BY_ELEMENT.get(elementId);
    if (declared == null) {
      return problems;
    }
    for (Output output : declared.outputs().values()) {
      String message = problem(output, given.get(output.name()));
      if (message != null) {
        problems.add(new InputProblem(output.name(), label(elementId, output.name()), message));
      }
    }
    return problems;
  }

  private static String problem(Output output, Object raw) {
    Object value = raw;
    if (raw instanceof TypedValue typed) {
      if (!isPrimitive(typed)) {
        return output.type() == Type.BOOLEAN ? StaffTexts.text("output.boolean") : StaffTexts.text("output.text");
      }
      value = typed.getValue();
    }
    if (value == null) {
      return output.required() ? StaffTexts.text("output.required") : null;
    }
    if (output.type() == Type.BOOLEAN) {
      return value instanceof Boolean ? null : StaffTexts.text("output.boolean");
    }
    if (!(value instanceof String text)) {
      return StaffTexts.text("output.text");
    }
    if (text.codePointCount(0, text.length()) > output.maxLength()) {
      return StaffTexts.text("output.tooLong", output.maxLength());
    }
    if (output.name().equals(FilingProcess.Vars.PROVINCE) && !Provinces.isKnown(text)) {
      return StaffTexts.text("output.province");
    }
    if (output.required() && text.isBlank()) {
      return StaffTexts.text("output.required");
    }
    return null;
  }

  /** an object, JSON, XML, file or bytes value is never a form field's value (and never deserialized here) */
  private static boolean isPrimitive(TypedValue typed) {
    ValueType type = typed.getType();
    return type == null || type.isPrimitiveValueType();
  }

  private static String label(String elementId, String name) {
    Declared declared = BY_ELEMENT.get(elementId);
    return declared == null ? name : FormLabels.of(declared.formId(), name);
  }
}
