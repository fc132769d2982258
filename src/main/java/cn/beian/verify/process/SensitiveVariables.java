package cn.beian.verify.process;

import java.util.Set;

/**
 * The one list of variable and form-field names that carry personal data or codes (docs/rules.md §9). They may pass
 * through the engine transiently (forms, task-local) but never reach its history.
 */
public final class SensitiveVariables {

  /** fields of FilingStartForm */
  public static final String ENTITY_NAME = "entityName";
  public static final String ENTITY_PRINCIPAL_NAME = "entityPrincipalName";
  public static final String ENTITY_PRINCIPAL_PHONE = "entityPrincipalPhone";
  public static final String ENTITY_PRINCIPAL_ID_NUMBER = "entityPrincipalIdNumber";
  public static final String WEBSITE_DOMAIN = "websiteDomain";
  public static final String WEBSITE_PRINCIPAL_NAME = "websitePrincipalName";
  public static final String WEBSITE_PRINCIPAL_PHONE = "websitePrincipalPhone";
  public static final String WEBSITE_PRINCIPAL_ID_NUMBER = "websitePrincipalIdNumber";

  public static final Set<String> NAMES = Set.of(
      SmsVerificationProcess.Vars.SMS_CODE,
      SmsVerificationProcess.Vars.PHONE,
      SmsVerificationProcess.Vars.ID_LAST6,
      ENTITY_NAME,
      ENTITY_PRINCIPAL_NAME,
      ENTITY_PRINCIPAL_PHONE,
      ENTITY_PRINCIPAL_ID_NUMBER,
      WEBSITE_DOMAIN,
      WEBSITE_PRINCIPAL_NAME,
      WEBSITE_PRINCIPAL_PHONE,
      WEBSITE_PRINCIPAL_ID_NUMBER,
      FilingProcess.Vars.REVIEW_SUMMARY);

  public static boolean isSensitive(String name) {
    return name != null && NAMES.contains(name);
  }

  private SensitiveVariables() {}
}
