package cn.beian.verify.process;

/** The filing request process (processes/FilingProcess.bpmn): one instance per filing, business key = filingId, tenant = province. */
public final class FilingProcess {
  public static final String KEY = "FilingProcess";

  public static final class Vars {
    public static final String FILING_ID = "filingId";
    /** the provider's request number: not personal data; Tasklist and Cockpit search by it */
    public static final String REQUEST_NO = "requestNo";
    public static final String PROVINCE = "province";
    public static final String FILING_TYPE = "filingType";
    public static final String SERVICE_TYPE = "serviceType";
    public static final String ENTITY_CHANGED = "entityChanged";
    public static final String WEBSITES_CHANGED = "websitesChanged";
    public static final String REMARKS_ONLY = "remarksOnly";
    /** submission date in Beijing, ISO yyyy-MM-dd, input of the rollout decision */
    public static final String SUBMITTED_ON = "submittedOn";
    /** COLLECT result of the VerifierRoles decision: list of {verifierRole, quorum} */
    public static final String VERIFIER_RULES = "verifierRules";
    public static final String SMS_VERIFICATION_REQUIRED = "smsVerificationRequired";
    public static final String VERIFIER_COUNT = "verifierCount";
    /** ALL or ANY */
    public static final String QUORUM = "quorum";
    /** VERIFIED, FAILED or EXPIRED: returned by the SmsVerificationProcess */
    public static final String VERIFICATION_OUTCOME = "verificationOutcome";
    /** set by the bureau reviewer when completing UserTask_ReviewFiling */
    public static final String APPROVED = "approved";
    public static final String REVIEW_COMMENT = "reviewComment";
    /** no longer written (the review form reads its content from the product, see TasklistReviewData); kept so that
     *  the history filter still drops it for review tasks created before */
    public static final String REVIEW_SUMMARY = "reviewSummary";
    private Vars() {}
  }

  public static final class Elements {
    public static final String FILING_SUBMITTED = "StartEvent_FilingSubmitted";
    public static final String REGISTER_FILING = "ServiceTask_RegisterFiling";
    public static final String DETERMINE_VERIFIERS = "BusinessRuleTask_DetermineVerifiers";
    public static final String CHECK_ROLLOUT = "BusinessRuleTask_CheckRollout";
    public static final String RESOLVE_VERIFIERS = "ServiceTask_ResolveVerifiers";
    public static final String ROUTE = "Gateway_VerificationRequired";
    public static final String VERIFY_SMS_CODES = "CallActivity_VerifySmsCodes";
    public static final String VERIFICATION_OUTCOME = "Gateway_VerificationOutcome";
    public static final String REVIEW_FILING = "UserTask_ReviewFiling";
    public static final String RECORD_REVIEW_DECISION = "ServiceTask_RecordReviewDecision";
    public static final String REVIEW_DECISION = "Gateway_ReviewDecision";
    public static final String VERIFY_NEW_PHONE = "CallActivity_VerifyNewPhone";
    public static final String NEW_PHONE_OUTCOME = "Gateway_NewPhoneOutcome";
    public static final String APPROVE_PHONE_CHANGE = "ServiceTask_ApprovePhoneChange";
    public static final String RETURN_FILING = "ServiceTask_ReturnFiling";
    public static final String FILING_APPROVED = "EndEvent_FilingApproved";
    public static final String FILING_REJECTED = "EndEvent_FilingRejected";
    public static final String FILING_RETURNED = "EndEvent_FilingReturned";
    public static final String WITHDRAWAL = "SubProcess_Withdrawal";
    public static final String FILING_WITHDRAWN_START = "StartEvent_FilingWithdrawn";
    public static final String WITHDRAW_FILING = "ServiceTask_WithdrawFiling";
    public static final String FILING_WITHDRAWN = "EndEvent_FilingWithdrawn";
    private Elements() {}
  }

  public static final class Messages {
    public static final String FILING_WITHDRAWN = "Msg_FilingWithdrawn";
    private Messages() {}
  }

  public static final class Decisions {
    public static final String VERIFIER_ROLES = "VerifierRoles";
    public static final String SMS_VERIFICATION_ROLLOUT = "SmsVerificationRollout";
    private Decisions() {}
  }

  public static final class Forms {
    public static final String START = "FilingStartForm";
    public static final String REVIEW = "ReviewFilingForm";
    private Forms() {}
  }

  /** candidate group of a province's bureau reviewers: bureau-CN-GS */
  public static String bureauGroup(String province) {
    return "bureau-" + province;
  }

  private FilingProcess() {}
}
