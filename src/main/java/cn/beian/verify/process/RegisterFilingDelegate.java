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
 * Hands the request's routing facts to the process. A request submitted through the API is stored before its process
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
    String filingId = Variables.FILING_ID.find(execution).orElseGet(() -> registerStartForm(execution));
    Filing filing = filings.get(filingId);
    Variables.REQUEST_NO.set(execution, filing.requestNo());
    Variables.PROVINCE.set(execution, filing.province());
    Variables.FILING_TYPE.set(execution, filing.type());
    Variables.SERVICE_TYPE.set(execution, filing.serviceType());
    Variables.ENTITY_CHANGED.set(execution, filing.entityChanged());
    Variables.WEBSITES_CHANGED.set(execution, filing.websitesChanged());
    Variables.REMARKS_ONLY.set(execution, filing.remarksOnly());
    Variables.SUBMITTED_ON.set(execution, LocalDate.ofInstant(filing.submittedAt(), properties.zone()).toString());
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
