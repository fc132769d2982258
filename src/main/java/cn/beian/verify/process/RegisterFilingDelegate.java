package cn.beian.verify.process;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.InvalidFilingException;
import cn.beian.verify.filing.RequestNoConflictException;
import cn.beian.verify.process.FilingProcess.Variables;
import cn.beian.verify.verification.VerificationProperties;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Hands the request's routing facts to the process (the decisions' inputs as transient values, see
 * {@link FilingProcess.Variables}). A request submitted through the API is stored before its process
 * starts (the instance carries its id); one entered in the Tasklist start form is stored here first, from the form's
 * fields, which then leave the process. An invalid form is refused with each field named by its label, and nothing
 * is stored.
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
    boolean startForm = Variables.FILING_ID.find(execution).isEmpty();
    String filingId = startForm ? registerStartForm(execution) : Variables.FILING_ID.get(execution);
    Filing filing = filings.get(filingId);
    Variables.REQUEST_NO.set(execution, filing.requestNo());
    // the review task's candidate group reads the province after verification: a stored variable, written once
    if (!Variables.PROVINCE.find(execution).filter(filing.province()::equals).isPresent()) {
      Variables.PROVINCE.set(execution, filing.province());
    }
    // the decisions' other inputs are read in this transaction only (no wait state before the decisions): transient,
    // no variable or history rows; each decision's evaluation history keeps the values it was given
    boolean stored = startForm || LegacyFilingDelegates.beforeTheRoute(execution);
    decisionInput(execution, stored, Variables.FILING_TYPE, filing.type());
    decisionInput(execution, stored, Variables.SERVICE_TYPE, filing.serviceType());
    decisionInput(execution, stored, Variables.ENTITY_CHANGED, filing.entityChanged());
    decisionInput(execution, stored, Variables.WEBSITES_CHANGED, filing.websitesChanged());
    decisionInput(execution, stored, Variables.REMARKS_ONLY, filing.remarksOnly());
    decisionInput(execution, stored, Variables.SUBMITTED_ON,
        LocalDate.ofInstant(filing.submittedAt(), properties.zone()).toString());
  }

  /**
   * the stored request's value for a decision: transient, unless {@code stored}. A request typed into the Tasklist
   * start form arrived with these as the form's stored fields, which the engine cannot make transient in the
   * transaction that stored them; the models before the route read the type in gateways after the verification.
   */
  private static <T> void decisionInput(DelegateExecution execution, boolean stored, ProcessVariable<T> variable,
      T value) {
    if (stored) {
      variable.set(execution, value);
    } else {
      variable.setTransient(execution, value);
    }
  }

  /** the start form's request, stored under the instance's business key */
  private String registerStartForm(DelegateExecution execution) {
    FilingSubmission submission = StartForm.submission(execution);
    String filingId = register(submission);
    StartForm.remove(execution);
    execution.setProcessBusinessKey(filingId);
    Variables.FILING_ID.set(execution, filingId);
    return filingId;
  }

  private String register(FilingSubmission submission) {
    try {
      return filingService.register(TASKLIST_PROVIDER, submission).id();
    } catch (InvalidFilingException e) {
      throw StartForm.invalid(e);
    } catch (RequestNoConflictException e) {
      throw StartForm.requestNoTaken(submission.requestNo());
    }
  }
}
