package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/rules.md §2, row by row, on the real processes/VerifierRoles.dmn. */
class VerifierRolesDecisionTest {

  private static final String ENTITY = "ENTITY_PRINCIPAL";
  private static final String WEBSITES = "WEBSITE_PRINCIPALS";
  private static final String CHANGED_WEBSITES = "CHANGED_WEBSITE_PRINCIPALS";

  private static DmnEngine dmnEngine;
  private static DmnDecision decision;

  @BeforeAll
  static void parseDecision() throws IOException {
    dmnEngine = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
        .feelEngineFactory(ParsedFeelCache.feelEngineFactory()).buildEngine();
    try (InputStream dmn = VerifierRolesDecisionTest.class.getClassLoader()
        .getResourceAsStream("processes/" + FilingProcess.Decisions.VERIFIER_ROLES + ".dmn")) {
      decision = dmnEngine.parseDecision(FilingProcess.Decisions.VERIFIER_ROLES, dmn);
    }
  }

  @Test
  void shouldHaveEntityAndEveryWebsitePrincipalVerifyFirstWebsiteFiling() {
    assertThat(verifiers(request("NEW_FILING", "WEBSITE"))).containsExactlyInAnyOrder(
        ENTITY + "/ALL", WEBSITES + "/ALL");
  }

  @Test
  void shouldHaveOnlyEntityPrincipalVerifyFirstAppFiling() {
    assertThat(verifiers(request("NEW_FILING", "APP"))).containsExactly(ENTITY + "/ALL");
  }

  @Test
  void shouldHaveOnlyEntityPrincipalVerifyFirstWebsiteAndAppFiling() {
    assertThat(verifiers(request("NEW_FILING", "WEBSITE_AND_APP"))).containsExactly(ENTITY + "/ALL");
  }

  @Test
  void shouldHaveEntityAndNewWebsitePrincipalsVerifyNewWebsite() {
    assertThat(verifiers(request("NEW_WEBSITE", "WEBSITE"))).containsExactlyInAnyOrder(
        ENTITY + "/ALL", WEBSITES + "/ALL");
  }

  @Test
  void shouldHaveOnlyEntityPrincipalVerifyNewApp() {
    assertThat(verifiers(request("NEW_WEBSITE", "APP"))).containsExactly(ENTITY + "/ALL");
    assertThat(verifiers(request("NEW_WEBSITE", "WEBSITE_AND_APP"))).containsExactly(ENTITY + "/ALL");
  }

  @Test
  void shouldHaveEntityAndWebsitePrincipalsVerifyNewAccessOfAnyServiceType() {
    for (String serviceType : List.of("WEBSITE", "APP", "WEBSITE_AND_APP")) {
      assertThat(verifiers(request("NEW_ACCESS", serviceType))).containsExactlyInAnyOrder(
          ENTITY + "/ALL", WEBSITES + "/ALL");
    }
  }

  @Test
  void shouldHaveEntityPrincipalVerifyChangeOfEntityDataOnly() {
    assertThat(verifiers(change(true, false, false))).containsExactly(ENTITY + "/ALL");
  }

  @Test
  void shouldHaveChangedWebsitesPrincipalsVerifyChangeOfWebsiteDataOnly() {
    assertThat(verifiers(change(false, true, false))).containsExactly(CHANGED_WEBSITES + "/ALL");
  }

  @Test
  void shouldHaveEntityAndChangedWebsitesPrincipalsVerifyChangeOfBoth() {
    assertThat(verifiers(change(true, true, false))).containsExactlyInAnyOrder(
        ENTITY + "/ALL", CHANGED_WEBSITES + "/ALL");
  }

  @Test
  void shouldHaveNobodyVerifyChangeOfRemarksOnly() {
    assertThat(verifiers(change(false, false, true))).isEmpty();
  }

  @Test
  void shouldHaveEntityPrincipalVerifyEntityCancellation() {
    assertThat(verifiers(request("CANCEL_ENTITY", "WEBSITE"))).containsExactly(ENTITY + "/ALL");
  }

  @Test
  void shouldAcceptAnyOnePrincipalForWebsiteCancellation() {
    assertThat(verifiers(request("CANCEL_WEBSITE", "WEBSITE"))).containsExactlyInAnyOrder(
        ENTITY + "/ANY", WEBSITES + "/ANY");
  }

  @Test
  void shouldHaveNobodyVerifyAccessCancellation() {
    assertThat(verifiers(request("CANCEL_ACCESS", "WEBSITE"))).isEmpty();
  }

  @Test
  void shouldHaveEntityPrincipalVerifyChangeOfHisPhoneNumber() {
    assertThat(verifiers(phoneChange(true, false))).containsExactly(ENTITY + "/ALL");
  }

  @Test
  void shouldHaveWebsitePrincipalVerifyChangeOfHisPhoneNumber() {
    assertThat(verifiers(phoneChange(false, true))).containsExactly(CHANGED_WEBSITES + "/ALL");
  }

  @Test
  void shouldNotNeedTheChangeFlagsForANewFiling() {
    // given only the type and the service type, as a start without the change checkboxes would give
    VariableMap variables = Variables.createVariables()
        .putValue(FilingProcess.Vars.FILING_TYPE, "NEW_FILING")
        .putValue(FilingProcess.Vars.SERVICE_TYPE, "APP");

    // then the decision does not fail on the missing flags
    assertThat(verifiers(variables)).containsExactly(ENTITY + "/ALL");
  }

  // helpers

  private static List<String> verifiers(VariableMap variables) {
    return dmnEngine.evaluateDecision(decision, variables).getResultList().stream()
        .map(rule -> rule.get("verifierRole") + "/" + rule.get(FilingProcess.Vars.QUORUM))
        .toList();
  }

  private static VariableMap request(String filingType, String serviceType) {
    return Variables.createVariables()
        .putValue(FilingProcess.Vars.FILING_TYPE, filingType)
        .putValue(FilingProcess.Vars.SERVICE_TYPE, serviceType)
        .putValue(FilingProcess.Vars.ENTITY_CHANGED, false)
        .putValue(FilingProcess.Vars.WEBSITES_CHANGED, false)
        .putValue(FilingProcess.Vars.REMARKS_ONLY, false);
  }

  private static VariableMap change(boolean entityChanged, boolean websitesChanged, boolean remarksOnly) {
    return request("CHANGE", "WEBSITE")
        .putValue(FilingProcess.Vars.ENTITY_CHANGED, entityChanged)
        .putValue(FilingProcess.Vars.WEBSITES_CHANGED, websitesChanged)
        .putValue(FilingProcess.Vars.REMARKS_ONLY, remarksOnly);
  }

  private static VariableMap phoneChange(boolean entityChanged, boolean websitesChanged) {
    return request("PHONE_CHANGE", "WEBSITE")
        .putValue(FilingProcess.Vars.ENTITY_CHANGED, entityChanged)
        .putValue(FilingProcess.Vars.WEBSITES_CHANGED, websitesChanged);
  }
}
