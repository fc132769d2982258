package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.verification.CheckResult;
import cn.beian.verify.verification.VerifierStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Requests started on a FilingProcess version deployed before the route was decided once keep running on that version
 * after an upgrade, and still end where they should (LegacyFilingDelegates). Each scenario deploys the models as they
 * were before (src/test/resources/legacy/before-route, with the decisions and forms they bind to), so that what it
 * submits starts on them, and removes that deployment afterwards.
 */
class LegacyFilingProcessTest extends ProcessScenarioSupport {
  private String legacyDeployment;

  @BeforeEach
  void deployTheModelsOfBeforeTheRoute() throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("before-route");
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : List.of("classpath:legacy/before-route/*.bpmn", "classpath*:processes/*.dmn",
        "classpath*:forms/*.form")) {
      for (Resource resource : resolver.getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          deployment.addInputStream(resource.getFilename(), in);
        }
      }
    }
    legacyDeployment = deployment.deploy().getId();
  }

  @AfterEach
  void removeThem() {
    engine.getRepositoryService().deleteDeployment(legacyDeployment, true);
  }

  @Test
  void shouldOpenTheReviewAndCloseTheApprovedRequestOnTheVersionBeforeTheRoute() {
    // given a request of that version whose two persons verified
    Person zhang = person("张三");
    Person li = person("李四");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, li));
    assertThat(runsOnTheVersionBeforeTheRoute(filingId)).isTrue();
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    verificationService.check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);

    // then it reached its bureau as that version's review task is created
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    assertThat(reviewTask(filingId).getName()).contains(filing(filingId).requestNo());

    // when the bureau approves
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "材料齐全"));

    // then the request is closed as approved, as before the upgrade
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.APPROVED);
    assertThat(filingInstance(filingId)).isNull();
    assertThat(events(filingId)).containsSubsequence("UNDER_REVIEW", "REVIEWED", "APPROVED");
  }

  @Test
  void shouldCloseARejectedPhoneChangeAndItsVerifierOnTheVersionBeforeTheRoute() {
    // given a phone number change of that version under review
    Person newNumber = person("张三");
    String filingId = submitAndSend(TestData.ofType("PHONE_CHANGE", "CN-GS", newNumber, person("李四"),
        new Change(true, List.of(), false)));
    assertThat(runsOnTheVersionBeforeTheRoute(filingId)).isTrue();
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);

    // when the bureau rejects it
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, false, FilingProcess.Vars.REVIEW_COMMENT, "材料不符"));

    // then it is closed, its verifier with it, and the new number is never texted
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.REJECTED);
    assertThat(verifierOf(filingId, newNumber.phone()).status()).isEqualTo(VerifierStatus.CANCELLED);
    assertThat(smsTo(newNumber.phone())).isEmpty();
    assertThat(filingInstance(filingId)).isNull();
  }

  @Test
  void shouldVerifyTheNewNumberOfAnApprovedPhoneChangeOnTheVersionBeforeTheRoute() {
    // given a phone number change of that version under review
    Person newNumber = person("张三");
    String filingId = submitAndSend(TestData.ofType("PHONE_CHANGE", "CN-GS", newNumber, person("李四"),
        new Change(true, List.of(), false)));

    // when the bureau approves
    engine.getTaskService().complete(reviewTask(filingId).getId(),
        Map.of(FilingProcess.Vars.APPROVED, true, FilingProcess.Vars.REVIEW_COMMENT, "同意变更"));
    runJobs(filingId);

    // then the new number is verified, and once it is, the change takes effect
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.VERIFYING);
    assertThat(smsTo(newNumber.phone())).hasSize(1);
    assertThat(verificationService.check(newNumber.phone(), latestCode(newNumber.phone()), last6(newNumber)).result())
        .isEqualTo(CheckResult.VERIFIED_COMPLETE);
    runJobs(filingId);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.APPROVED);
    assertThat(filingInstance(filingId)).isNull();
  }

  private boolean runsOnTheVersionBeforeTheRoute(String filingId) {
    return engine.getRepositoryService().getProcessDefinition(filingInstance(filingId).getProcessDefinitionId())
        .getDeploymentId().equals(legacyDeployment);
  }
}
