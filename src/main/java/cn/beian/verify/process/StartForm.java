package cn.beian.verify.process;

import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Entity;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission.Website;
import cn.beian.verify.filing.FilingType;
import cn.beian.verify.filing.InvalidFilingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The fields of the Tasklist start form (forms/FilingStartForm.form), each with its type, and how they become the
 * same {@link FilingSubmission} the provider API takes. The form has one website ({@code w1}). The fields that carry
 * personal data are named by {@link SensitiveVariables}; all of them leave the process once the request is stored.
 */
final class StartForm {
  static final ProcessVariable<String> REQUEST_NO = ProcessVariable.text("requestNo");
  static final ProcessVariable<String> PROVINCE = FilingProcess.Variables.PROVINCE;
  static final ProcessVariable<String> FILING_TYPE = ProcessVariable.text("filingType");
  static final ProcessVariable<String> SERVICE_TYPE = ProcessVariable.text("serviceType");
  static final ProcessVariable<String> ENTITY_NAME = ProcessVariable.text(SensitiveVariables.ENTITY_NAME);
  static final ProcessVariable<String> ENTITY_PRINCIPAL_NAME =
      ProcessVariable.text(SensitiveVariables.ENTITY_PRINCIPAL_NAME);
  static final ProcessVariable<String> ENTITY_PRINCIPAL_PHONE =
      ProcessVariable.text(SensitiveVariables.ENTITY_PRINCIPAL_PHONE);
  static final ProcessVariable<String> ENTITY_PRINCIPAL_ID_TYPE = ProcessVariable.text("entityPrincipalIdType");
  static final ProcessVariable<String> ENTITY_PRINCIPAL_ID_NUMBER =
      ProcessVariable.text(SensitiveVariables.ENTITY_PRINCIPAL_ID_NUMBER);
  static final ProcessVariable<String> WEBSITE_DOMAIN = ProcessVariable.text(SensitiveVariables.WEBSITE_DOMAIN);
  static final ProcessVariable<String> WEBSITE_PRINCIPAL_NAME =
      ProcessVariable.text(SensitiveVariables.WEBSITE_PRINCIPAL_NAME);
  static final ProcessVariable<String> WEBSITE_PRINCIPAL_PHONE =
      ProcessVariable.text(SensitiveVariables.WEBSITE_PRINCIPAL_PHONE);
  static final ProcessVariable<String> WEBSITE_PRINCIPAL_ID_TYPE = ProcessVariable.text("websitePrincipalIdType");
  static final ProcessVariable<String> WEBSITE_PRINCIPAL_ID_NUMBER =
      ProcessVariable.text(SensitiveVariables.WEBSITE_PRINCIPAL_ID_NUMBER);
  static final ProcessVariable<Boolean> ENTITY_CHANGED = FilingProcess.Variables.ENTITY_CHANGED;
  static final ProcessVariable<Boolean> WEBSITES_CHANGED = FilingProcess.Variables.WEBSITES_CHANGED;
  static final ProcessVariable<Boolean> REMARKS_ONLY = FilingProcess.Variables.REMARKS_ONLY;

  /** every field but the province, which also picks the tenant and stays: what leaves the process once stored */
  static final List<ProcessVariable<?>> FIELDS = List.of(REQUEST_NO, FILING_TYPE, SERVICE_TYPE,
      ENTITY_PRINCIPAL_ID_TYPE, WEBSITE_PRINCIPAL_ID_TYPE, ENTITY_CHANGED, WEBSITES_CHANGED, REMARKS_ONLY, ENTITY_NAME,
      ENTITY_PRINCIPAL_NAME, ENTITY_PRINCIPAL_PHONE, ENTITY_PRINCIPAL_ID_NUMBER, WEBSITE_DOMAIN, WEBSITE_PRINCIPAL_NAME,
      WEBSITE_PRINCIPAL_PHONE, WEBSITE_PRINCIPAL_ID_NUMBER);

  /** the form's fields behind each field path FilingValidator reports */
  private static final Map<String, List<ProcessVariable<?>>> FIELDS_OF_PATH = Map.ofEntries(
      Map.entry("requestNo", List.of(REQUEST_NO)),
      Map.entry("type", List.of(FILING_TYPE)),
      Map.entry("serviceType", List.of(SERVICE_TYPE)),
      Map.entry("province", List.of(PROVINCE)),
      Map.entry("entity", List.of(ENTITY_NAME)),
      Map.entry("entity.name", List.of(ENTITY_NAME)),
      Map.entry("entity.principal", List.of(ENTITY_PRINCIPAL_NAME)),
      Map.entry("entity.principal.name", List.of(ENTITY_PRINCIPAL_NAME)),
      Map.entry("entity.principal.phone", List.of(ENTITY_PRINCIPAL_PHONE)),
      Map.entry("entity.principal.idType", List.of(ENTITY_PRINCIPAL_ID_TYPE)),
      Map.entry("entity.principal.idNumber", List.of(ENTITY_PRINCIPAL_ID_NUMBER)),
      Map.entry("websites", List.of(WEBSITE_DOMAIN)),
      Map.entry("websites[0]", List.of(WEBSITE_DOMAIN)),
      Map.entry("websites[0].ref", List.of(WEBSITE_DOMAIN)),
      Map.entry("websites[0].domain", List.of(WEBSITE_DOMAIN)),
      Map.entry("websites[0].principal", List.of(WEBSITE_PRINCIPAL_NAME)),
      Map.entry("websites[0].principal.name", List.of(WEBSITE_PRINCIPAL_NAME)),
      Map.entry("websites[0].principal.phone", List.of(WEBSITE_PRINCIPAL_PHONE)),
      Map.entry("websites[0].principal.idType", List.of(WEBSITE_PRINCIPAL_ID_TYPE)),
      Map.entry("websites[0].principal.idNumber", List.of(WEBSITE_PRINCIPAL_ID_NUMBER)),
      Map.entry("change", List.of(ENTITY_CHANGED, WEBSITES_CHANGED)),
      Map.entry("change.changedWebsites", List.of(WEBSITES_CHANGED)));

  private StartForm() {}

  /** the form as a submission; a blank field counts as missing, surrounding spaces are dropped */
  static FilingSubmission submission(VariableScope form) {
    Person entityPrincipal = new Person(text(form, ENTITY_PRINCIPAL_NAME), text(form, ENTITY_PRINCIPAL_PHONE),
        text(form, ENTITY_PRINCIPAL_ID_TYPE), text(form, ENTITY_PRINCIPAL_ID_NUMBER));
    List<Website> websites = text(form, WEBSITE_PRINCIPAL_PHONE) == null && text(form, WEBSITE_DOMAIN) == null
        ? List.of()
        : List.of(new Website("w1", text(form, WEBSITE_DOMAIN), new Person(text(form, WEBSITE_PRINCIPAL_NAME),
            text(form, WEBSITE_PRINCIPAL_PHONE), text(form, WEBSITE_PRINCIPAL_ID_TYPE),
            text(form, WEBSITE_PRINCIPAL_ID_NUMBER))));
    String type = text(form, FILING_TYPE);
    Change change = isChange(type)
        ? new Change(checked(form, ENTITY_CHANGED),
            checked(form, WEBSITES_CHANGED) && !websites.isEmpty() ? List.of("w1") : List.of(),
            checked(form, REMARKS_ONLY))
        : null;
    return new FilingSubmission(text(form, REQUEST_NO), type, text(form, PROVINCE), text(form, SERVICE_TYPE),
        new Entity(text(form, ENTITY_NAME), entityPrincipal), websites, change);
  }

  /** the fields leave the process: the request is stored, and they carry personal data */
  static void remove(VariableScope form) {
    FIELDS.forEach(field -> field.remove(form));
  }

  /** a form the validator refused: 400, every field named by its label in the form */
  static RefusalException invalid(InvalidFilingException e) {
    List<InputProblem> problems = problems(e.errors());
    return new RefusalException(400, StaffTexts.text("start.invalid", problems.size(),
        problems.stream().map(InputProblem::text).collect(Collectors.joining("; "))), problems, Map.of());
  }

  /** 409: the request number is taken */
  static RefusalException requestNoTaken(String requestNo) {
    String message = StaffTexts.text("start.requestNo", requestNo);
    String field = REQUEST_NO.name();
    return new RefusalException(409, message,
        List.of(new InputProblem(field, FormLabels.of(FilingProcess.Forms.START, field), message)), Map.of());
  }

  /** each validation error as the form's field(s) it concerns, named by label */
  static List<InputProblem> problems(List<FieldError> errors) {
    List<InputProblem> problems = new ArrayList<>();
    for (FieldError error : errors) {
      List<String> fields = FIELDS_OF_PATH.getOrDefault(error.field(), List.of()).stream()
          .map(ProcessVariable::name).toList();
      for (String field : fields.isEmpty() ? List.of(error.field()) : fields) {
        problems.add(new InputProblem(field, FormLabels.of(FilingProcess.Forms.START, field), error.message()));
      }
    }
    return problems;
  }

  private static boolean isChange(String type) {
    return FilingType.CHANGE.name().equals(type) || FilingType.PHONE_CHANGE.name().equals(type);
  }

  private static String text(VariableScope form, ProcessVariable<String> field) {
    return field.find(form).filter(value -> !value.isBlank()).map(String::trim).orElse(null);
  }

  private static boolean checked(VariableScope form, ProcessVariable<Boolean> field) {
    return field.find(form).orElse(false);
  }
}
