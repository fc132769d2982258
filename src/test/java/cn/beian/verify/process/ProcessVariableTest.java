package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.beian.verify.filing.Quorum;
import cn.beian.verify.verification.VerificationRoute;
import cn.beian.verify.verification.VerifierRole;
import cn.beian.verify.verification.VerifierRule;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/** Process variables read and written through their one typed declaration, never cast or coerced. */
class ProcessVariableTest {
  private final VariableScope scope = mock(VariableScope.class);

  @Test
  void shouldStoreACodeAsItsNameSoThatAGatewayComparesAString() {
    // when the route is written
    FilingProcess.Variables.ROUTE.set(scope, VerificationRoute.REVIEW_THEN_VERIFY);
    // then the engine gets the plain string the models' expressions compare
    verify(scope).setVariable(FilingProcess.Vars.ROUTE, "REVIEW_THEN_VERIFY");
  }

  @Test
  void shouldReadACodeBackAsItsType() {
    // given the stored name
    when(scope.getVariable(FilingProcess.Vars.QUORUM)).thenReturn("ANY");
    // when / then
    assertThat(FilingProcess.Variables.QUORUM.get(scope)).isEqualTo(Quorum.ANY);
  }

  @Test
  void shouldRefuseAValueOfAnotherTypeThanDeclaredInsteadOfCoercingIt() {
    // given a reviewer's decision as a string, or a code nobody knows
    when(scope.getVariable(FilingProcess.Vars.APPROVED)).thenReturn("true");
    when(scope.getVariable(FilingProcess.Vars.ROUTE)).thenReturn("STRAIGHT_TO_APPROVAL");
    // when / then: a bug or an attack, never "true"
    assertThatThrownBy(() -> FilingProcess.Variables.APPROVED.get(scope))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("approved").hasMessageContaining("String")
        .hasMessageNotContaining("true");
    assertThatThrownBy(() -> FilingProcess.Variables.ROUTE.get(scope))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("route");
  }

  @Test
  void shouldTellARequiredVariableThatIsMissingFromAnOptionalOne() {
    // given nothing set
    // when / then
    assertThat(FilingProcess.Variables.REVIEW_COMMENT.find(scope)).isEmpty();
    assertThatThrownBy(() -> FilingProcess.Variables.FILING_ID.get(scope))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("filingId");
  }

  @Test
  void shouldReadTheVerifierDecisionsRowsAsRules() {
    // given the COLLECT result as the engine stores it
    when(scope.getVariable(FilingProcess.Vars.VERIFIER_RULES)).thenReturn(List.of(
        Map.of("verifierRole", "ENTITY_PRINCIPAL", "quorum", "ANY"),
        Map.of("verifierRole", "WEBSITE_PRINCIPALS", "quorum", "ANY")));
    // when / then
    assertThat(FilingProcess.Variables.VERIFIER_RULES.get(scope)).containsExactly(
        new VerifierRule(VerifierRole.ENTITY_PRINCIPAL, Quorum.ANY),
        new VerifierRule(VerifierRole.WEBSITE_PRINCIPALS, Quorum.ANY));
  }

  @Test
  void shouldDeclareATaskFieldOnTheTaskItself() {
    // when the verifier form's code field is declared
    SmsVerificationProcess.Variables.SMS_CODE.setLocal(scope, null);
    // then on the task, where what the desk types stays
    verify(scope).setVariableLocal(SmsVerificationProcess.Vars.SMS_CODE, null);
  }
}
