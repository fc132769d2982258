package cn.beian.verify.process;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Entity;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission.Website;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.InvalidFilingException;
import cn.beian.verify.filing.RequestNoConflictException;
import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.process.FilingProcess.Vars;
import cn.beian.verify.verification.VerificationProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sets the routing variables of a filing. A filing submitted through the Tasklist start form is first stored
 * from the form's fields, which then leave the process (they carry personal data); an invalid form is refused with
 * each field named by its label in the form, and nothing is stored.
 */
@Component("registerFilingDelegate")
class RegisterFilingDelegate implements JavaDelegate {
  /** requests entered by hand in Tasklist belong to this provider id */
  static final String TASKLIST_PROVIDER = "tasklist";

  private final FilingService filingService;
  private final FilingRepository filings;
  private final VerificationProperties properties;

  RegisterFilingDelegate(FilingService filingService, FilingRepository filings, VerificationProperties properties) {
    this.filingService = filingService;
    this.filings = filings;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String filingId = (String) execution.getVariable(Vars.FILING_ID);
    if (filingId == null) {
      filingId = register(StartForm.submission(execution));
      StartForm.removeFields(execution);
      execution.setProcessBusinessKey(filingId);
      execution.setVariable(Vars.FILING_ID, filingId);
    }
    Filing filing = filings.get(filingId);
    execution.setVariable(Vars.REQUEST_NO, filing.requestNo());
    execution.setVariable(Vars.PROVINCE, filing.province());
    execution.setVariable(Vars.FILING_TYPE, filing.type().name());
    execution.setVariable(Vars.SERVICE_TYPE, filing.serviceType().name());
    execution.setVariable(Vars.ENTITY_CHANGED, filing.entityChanged());
    execution.setVariable(Vars.WEBSITES_CHANGED, filing.websitesChanged());
    execution.setVariable(Vars.REMARKS_ONLY, filing.remarksOnly());
    execution.setVariable(Vars.SUBMITTED_ON, LocalDate.ofInstant(filing.submittedAt(), properties.zone()).toString());
  }

  private String register(FilingSubmission submission) {
    try {
      return filingService.register(TASKLIST_PROVIDER, submission).id();
    } catch (InvalidFilingException e) {
      List<InputProblem> problems = StartForm.problems(e.errors());
      throw new RefusalException(400, StaffTexts.text("start.invalid", problems.size(),
          problems.stream().map(InputProblem::text).collect(Collectors.joining("; "))), problems, Map.of());
    } catch (RequestNoConflictException e) {
      String message = StaffTexts.text("start.requestNo", submission.requestNo());
      InputProblem field = new InputProblem("requestNo", FormLabels.of(FilingProcess.Forms.START, "requestNo"), message);
      throw new RefusalException(409, message, List.of(field), Map.of());
    }
  }

  /** the fields of forms/FilingStartForm.form; those carrying personal data are named by SensitiveVariables */
  static final class StartForm {
    static final List<String> FIELDS = List.of("requestNo", "filingType", "serviceType", "entityPrincipalIdType",
        "websitePrincipalIdType", "entityChanged", "websitesChanged", "remarksOnly",
        SensitiveVariables.ENTITY_NAME, SensitiveVariables.ENTITY_PRINCIPAL_NAME,
        SensitiveVariables.ENTITY_PRINCIPAL_PHONE, SensitiveVariables.ENTITY_PRINCIPAL_ID_NUMBER,
        SensitiveVariables.WEBSITE_DOMAIN, SensitiveVariables.WEBSITE_PRINCIPAL_NAME,
        SensitiveVariables.WEBSITE_PRINCIPAL_PHONE, SensitiveVariables.WEBSITE_PRINCIPAL_ID_NUMBER);
    static final Set<String> CHECKBOXES = Set.of("entityChanged", "websitesChanged", "remarksOnly");

    /** the form's fields behind each field path FilingValidator reports (the form has one website, w1) */
    private static final Map<String, List<String>> FIELDS_OF_PATH = Map.ofEntries(
        Map.entry("requestNo", List.of("requestNo")),
        Map.entry("type", List.of("filingType")),
        Map.entry("serviceType", List.of("serviceType")),
        Map.entry(Vars.PROVINCE, List.of(Vars.PROVINCE)),
        Map.entry("entity", List.of(SensitiveVariables.ENTITY_NAME)),
        Map.entry("entity.name", List.of(SensitiveVariables.ENTITY_NAME)),
        Map.entry("entity.principal", List.of(SensitiveVariables.ENTITY_PRINCIPAL_NAME)),
        Map.entry("entity.principal.name", List.of(SensitiveVariables.ENTITY_PRINCIPAL_NAME)),
        Map.entry("entity.principal.phone", List.of(SensitiveVariables.ENTITY_PRINCIPAL_PHONE)),
        Map.entry("entity.principal.idType", List.of("entityPrincipalIdType")),
        Map.entry("entity.principal.idNumber", List.of(SensitiveVariables.ENTITY_PRINCIPAL_ID_NUMBER)),
        Map.entry("websites", List.of(SensitiveVariables.WEBSITE_DOMAIN)),
        Map.entry("websites[0]", List.of(SensitiveVariables.WEBSITE_DOMAIN)),
        Map.entry("websites[0].ref", List.of(SensitiveVariables.WEBSITE_DOMAIN)),
        Map.entry("websites[0].domain", List.of(SensitiveVariables.WEBSITE_DOMAIN)),
        Map.entry("websites[0].principal", List.of(SensitiveVariables.WEBSITE_PRINCIPAL_NAME)),
        Map.entry("websites[0].principal.name", List.of(SensitiveVariables.WEBSITE_PRINCIPAL_NAME)),
        Map.entry("websites[0].principal.phone", List.of(SensitiveVariables.WEBSITE_PRINCIPAL_PHONE)),
        Map.entry("websites[0].principal.idType", List.of("websitePrincipalIdType")),
        Map.entry("websites[0].principal.idNumber", List.of(SensitiveVariables.WEBSITE_PRINCIPAL_ID_NUMBER)),
        Map.entry("change", List.of("entityChanged", "websitesChanged")),
        Map.entry("change.changedWebsites", List.of("websitesChanged")));

    /** each validation error as the form's field(s) it concerns, named by label */
    static List<InputProblem> problems(List<FieldError> errors) {
      List<InputProblem> problems = new ArrayList<>();
      for (FieldError error : errors) {
        for (String field : FIELDS_OF_PATH.getOrDefault(error.field(), List.of(error.field()))) {
          problems.add(new InputProblem(field, FormLabels.of(FilingProcess.Forms.START, field), error.message()));
        }
      }
      return problems;
    }

    static FilingSubmission submission(DelegateExecution e) {
      Person entityPrincipal = new Person(str(e, SensitiveVariables.ENTITY_PRINCIPAL_NAME), str(e, SensitiveVariables.ENTITY_PRINCIPAL_PHONE),
          str(e, "entityPrincipalIdType"), str(e, SensitiveVariables.ENTITY_PRINCIPAL_ID_NUMBER));
      List<Website> websites = str(e, SensitiveVariables.WEBSITE_PRINCIPAL_PHONE) == null && str(e, SensitiveVariables.WEBSITE_DOMAIN) == null
          ? List.of()
          : List.of(new Website("w1", str(e, SensitiveVariables.WEBSITE_DOMAIN), new Person(str(e, SensitiveVariables.WEBSITE_PRINCIPAL_NAME),
              str(e, SensitiveVariables.WEBSITE_PRINCIPAL_PHONE), str(e, "websitePrincipalIdType"), str(e, SensitiveVariables.WEBSITE_PRINCIPAL_ID_NUMBER))));
      String type = str(e, "filingType");
      Change change = "CHANGE".equals(type) || "PHONE_CHANGE".equals(type)
          ? new Change(bool(e, "entityChanged"), bool(e, "websitesChanged") && !websites.isEmpty() ? List.of("w1") : List.of(),
              bool(e, "remarksOnly"))
          : null;
      return new FilingSubmission(str(e, "requestNo"), type, str(e, Vars.PROVINCE), str(e, "serviceType"),
          new Entity(str(e, SensitiveVariables.ENTITY_NAME), entityPrincipal), websites, change);
    }

    static void removeFields(DelegateExecution e) {
      FIELDS.forEach(e::removeVariable);
    }

    private static String str(DelegateExecution e, String name) {
      Object value = e.getVariable(name);
      return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static boolean bool(DelegateExecution e, String name) {
      Object value = e.getVariable(name);
      return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    private StartForm() {}
  }
}
