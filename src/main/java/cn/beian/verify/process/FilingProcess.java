package cn.beian.verify.process;

import cn.beian.verify.filing.FilingType;
import cn.beian.verify.filing.Quorum;
import cn.beian.verify.filing.ServiceType;
import cn.beian.verify.verification.VerificationRoute;
import cn.beian.verify.verification.VerifierRole;
import cn.beian.verify.verification.VerifierRule;
import java.util.List;
import java.util.Map;

/** The filing request process (processes/FilingProcess.bpmn): one instance per filing, business key = filingId, tenant = province. */
public final class FilingProcess {
  public static final String KEY = "FilingProcess";

  /** the variables' names, as the models' expressions, the forms, queries and Cockpit's search use them */
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
    /** result of the SmsVerificationRollout decision */
    public static final String SMS_VERIFICATION_REQUIRED = "smsVerificationRequired";
    /** COLLECT result of the VerifierRoles decision: list of {verifierRole, quorum} */
    public static final String VERIFIER_RULES = "verifierRules";
    /** the request's way through verification and review, decided once (VerificationRoute) */
    public static final String ROUTE = "route";
    /** ALL or ANY (Quorum) */
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

  /**
   * Every variable the product reads or writes, once, with its type: only references and routing data, never
   * personal data (docs/rules.md §9). Delegates read and write through these, never by name.
   */
  public static final class Variables {
    public static final ProcessVariable<String> FILING_ID = ProcessVariable.text(Vars.FILING_ID);
    public static final ProcessVariable<String> REQUEST_NO = ProcessVariable.text(Vars.REQUEST_NO);
    public static final ProcessVariable<String> PROVINCE = ProcessVariable.text(Vars.PROVINCE);
    /*
     * The decisions' inputs below (type to submission date) are set transient (ProcessVariable.setTransient) by
     * ServiceTask_RegisterFiling: read by the two decisions in the same transaction, kept by the decisions' evaluation
     * history, never stored as variables (each stored one costs a runtime row, a history row and a detail row).
     */
    public static final ProcessVariable<FilingType> FILING_TYPE = ProcessVariable.code(Vars.FILING_TYPE, FilingType.class);
    public static final ProcessVariable<ServiceType> SERVICE_TYPE =
        ProcessVariable.code(Vars.SERVICE_TYPE, ServiceType.class);
    public static final ProcessVariable<Boolean> ENTITY_CHANGED = ProcessVariable.flag(Vars.ENTITY_CHANGED);
    public static final ProcessVariable<Boolean> WEBSITES_CHANGED = ProcessVariable.flag(Vars.WEBSITES_CHANGED);
    public static final ProcessVariable<Boolean> REMARKS_ONLY = ProcessVariable.flag(Vars.REMARKS_ONLY);
    public static final ProcessVariable<String> SUBMITTED_ON = ProcessVariable.text(Vars.SUBMITTED_ON);
    public static final ProcessVariable<Boolean> SMS_VERIFICATION_REQUIRED =
        ProcessVariable.flag(Vars.SMS_VERIFICATION_REQUIRED);
    @SuppressWarnings("rawtypes")
    public static final ProcessVariable<List<VerifierRule>> VERIFIER_RULES =
        ProcessVariable.converted(Vars.VERIFIER_RULES, List.class, FilingProcess::verifierRules);
    public static final ProcessVariable<VerificationRoute> ROUTE =
        ProcessVariable.code(Vars.ROUTE, VerificationRoute.class);
    public static final ProcessVariable<Quorum> QUORUM = ProcessVariable.code(Vars.QUORUM, Quorum.class);
    public static final ProcessVariable<VerificationOutcome> VERIFICATION_OUTCOME =
        ProcessVariable.code(Vars.VERIFICATION_OUTCOME, VerificationOutcome.class);
    public static final ProcessVariable<Boolean> APPROVED = ProcessVariable.flag(Vars.APPROVED);
    public static final ProcessVariable<String> REVIEW_COMMENT = ProcessVariable.text(Vars.REVIEW_COMMENT);
    private Variables() {}
  }

  /** how the called SmsVerificationProcess ended */
  public enum VerificationOutcome { VERIFIED, FAILED, EXPIRED }

  /** the rows of the VerifierRoles decision's COLLECT result ({verifierRole, quorum} maps of strings) */
  private static List<VerifierRule> verifierRules(List<?> rows) {
    return rows.stream().map(row -> (Map<?, ?>) row)
        .map(row -> new VerifierRule(VerifierRole.valueOf((String) row.get("verifierRole")),
            Quorum.valueOf((String) row.get("quorum"))))
        .toList();
  }

  public static final class Elements {
    public static final String FILING_SUBMITTED = "StartEvent_FilingSubmitted";
    public static final String REGISTER_FILING = "ServiceTask_RegisterFiling";
    public static final String CHECK_ROLLOUT = "BusinessRuleTask_CheckRollout";
    public static final String ROLLOUT_APPLIES = "Gateway_SmsVerificationApplies";
    public static final String DETERMINE_VERIFIERS = "BusinessRuleTask_DetermineVerifiers";
    public static final String VERIFIERS_KNOWN = "Gateway_VerifiersKnown";
    public static final String RESOLVE_VERIFIERS = "ServiceTask_ResolveVerifiers";
    public static final String ROUTE = "Gateway_Route";
    public static final String VERIFY_SMS_CODES = "CallActivity_VerifySmsCodes";
    public static final String VERIFICATION_OUTCOME = "Gateway_VerificationOutcome";
    public static final String TO_REVIEW = "Gateway_ToReview";
    public static final String OPEN_REVIEW = "ServiceTask_OpenReview";
    public static final String REVIEW_FILING = "UserTask_ReviewFiling";
    public static final String RECORD_REVIEW_DECISION = "ServiceTask_RecordReviewDecision";
    public static final String REVIEW_DECISION = "Gateway_ReviewDecision";
    public static final String REJECT_FILING = "ServiceTask_RejectFiling";
    public static final String ROUTE_AFTER_APPROVAL = "Gateway_RouteAfterApproval";
    public static final String APPROVE_FILING = "ServiceTask_ApproveFiling";
    public static final String VERIFY_NEW_PHONE = "CallActivity_VerifyNewPhone";
    public static final String NEW_PHONE_OUTCOME = "Gateway_NewPhoneOutcome";
    public static final String APPROVE_PHONE_CHANGE = "ServiceTask_ApprovePhoneChange";
    public static final String TO_RETURN = "Gateway_ToReturn";
    public static final String RETURN_FILING = "ServiceTask_ReturnFiling";
    public static final String FILING_APPROVED = "EndEvent_FilingApproved";
    public static final String PHONE_CHANGE_APPROVED = "EndEvent_PhoneChangeApproved";
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
