package cn.beian.verify.process;

/**
 * The SMS verification of one filing (processes/SmsVerificationProcess.bpmn), called by the filing process:
 * a parallel multi-instance subprocess, one instance per verifier, inside the verification window.
 */
public final class SmsVerificationProcess {
  public static final String KEY = "SmsVerificationProcess";

  public static final class Vars {
    public static final String FILING_ID = FilingProcess.Vars.FILING_ID;
    /** handed in by the filing process: names the verifier's task */
    public static final String REQUEST_NO = FilingProcess.Vars.REQUEST_NO;
    public static final String QUORUM = FilingProcess.Vars.QUORUM;
    /** multi-instance element variable; also task-local on UserTask_VerifySmsCode */
    public static final String VERIFIER_ID = "verifierId";
    public static final String VERIFICATION_OUTCOME = FilingProcess.Vars.VERIFICATION_OUTCOME;
    /** verifier form fields: task-local, read by the complete listener, filtered from history */
    public static final String SMS_CODE = "smsCode";
    public static final String PHONE = "phone";
    public static final String ID_LAST6 = "idLast6";
    private Vars() {}
  }

  /** every variable of the process, once, with its type (those handed in by the filing process are its own) */
  public static final class Variables {
    public static final ProcessVariable<String> FILING_ID = FilingProcess.Variables.FILING_ID;
    public static final ProcessVariable<String> REQUEST_NO = FilingProcess.Variables.REQUEST_NO;
    public static final ProcessVariable<String> VERIFIER_ID = ProcessVariable.text(Vars.VERIFIER_ID);
    public static final ProcessVariable<FilingProcess.VerificationOutcome> VERIFICATION_OUTCOME =
        FilingProcess.Variables.VERIFICATION_OUTCOME;
    /** the verifier form's fields, as typed: task-local, never in the history (SensitiveVariables) */
    public static final ProcessVariable<String> SMS_CODE = ProcessVariable.text(Vars.SMS_CODE);
    public static final ProcessVariable<String> PHONE = ProcessVariable.text(Vars.PHONE);
    public static final ProcessVariable<String> ID_LAST6 = ProcessVariable.text(Vars.ID_LAST6);
    private Variables() {}
  }

  public static final class Elements {
    public static final String VERIFICATION_STARTED = "StartEvent_VerificationStarted";
    public static final String OPEN_VERIFICATION_WINDOW = "ServiceTask_OpenVerificationWindow";
    public static final String VERIFY_PER_VERIFIER = "SubProcess_VerifyPerVerifier";
    public static final String VERIFIER_STARTED = "StartEvent_VerifierStarted";
    public static final String SEND_SMS_CODE = "ServiceTask_SendSmsCode";
    public static final String VERIFY_SMS_CODE = "UserTask_VerifySmsCode";
    public static final String NOON_RESEND = "BoundaryEvent_NoonResend";
    public static final String AUTO_RESEND_SMS_CODE = "ServiceTask_AutoResendSmsCode";
    public static final String AUTO_RESENT = "EndEvent_AutoResent";
    public static final String RESEND_REQUESTED = "BoundaryEvent_ResendRequested";
    public static final String RESEND_SMS_CODE = "ServiceTask_ResendSmsCode";
    public static final String CODE_RESENT = "EndEvent_CodeResent";
    public static final String VERIFIER_VERIFIED = "EndEvent_VerifierVerified";
    public static final String WINDOW_CLOSED = "BoundaryEvent_VerificationWindowClosed";
    public static final String VERIFIER_FAILED = "BoundaryEvent_VerifierFailed";
    public static final String CONCLUDE_VERIFICATION = "ServiceTask_ConcludeVerification";
    public static final String EXPIRE_VERIFICATION = "ServiceTask_ExpireVerification";
    public static final String FAIL_VERIFICATION = "ServiceTask_FailVerification";
    public static final String VERIFICATION_PASSED = "EndEvent_VerificationPassed";
    public static final String VERIFICATION_EXPIRED = "EndEvent_VerificationExpired";
    public static final String VERIFICATION_FAILED = "EndEvent_VerificationFailed";
    private Elements() {}
  }

  public static final class Errors {
    public static final String VERIFICATION_FAILED = "Err_VerificationFailed";
    private Errors() {}
  }

  public static final class Messages {
    public static final String RESEND_REQUESTED = "Msg_ResendRequested";
    private Messages() {}
  }

  public static final class Forms {
    public static final String VERIFY = "VerifySmsCodeForm";
    private Forms() {}
  }

  /** candidate group of the verification desk (verifier tasks of every province) */
  public static final String VERIFICATION_DESK_GROUP = "verification-desk";

  private SmsVerificationProcess() {}
}
