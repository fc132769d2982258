package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The models deploy together on a real engine and carry the ids, names and save points the code relies on. */
class ProcessModelsTest {

  private static final String[] RESOURCE_PATTERNS = {
      "classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/*.form"};

  private static ProcessEngine processEngine;
  private static DeploymentWithDefinitions deployment;
  private static final List<String> deployedResources = new ArrayList<>();

  @BeforeAll
  static void deployEveryModel() throws IOException {
    processEngine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:process-models-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .setJobExecutorActivate(false)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setProcessEngineName("process-models-" + UUID.randomUUID())
        .buildProcessEngine();

    DeploymentBuilder builder = processEngine.getRepositoryService().createDeployment().name("process-models");
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String pattern : RESOURCE_PATTERNS) {
      for (Resource resource : resolver.getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          builder.addInputStream(resource.getFilename(), in);
        }
        deployedResources.add(resource.getFilename());
      }
    }
    deployment = builder.deployWithResult();
  }

  @AfterAll
  static void closeEngine() {
    if (processEngine != null) {
      processEngine.close();
    }
  }

  @Test
  void shouldDeployBothProcessesBothDecisionsAndAllForms() {
    assertThat(deployedResources).containsExactlyInAnyOrder(
        "FilingProcess.bpmn", "SmsVerificationProcess.bpmn",
        "VerifierRoles.dmn", "SmsVerificationRollout.dmn",
        "FilingStartForm.form", "VerifySmsCodeForm.form", "ReviewFilingForm.form");
    assertThat(deployment.getDeployedProcessDefinitions()).extracting(ProcessDefinition::getKey)
        .containsExactlyInAnyOrder(FilingProcess.KEY, SmsVerificationProcess.KEY);
    assertThat(deployment.getDeployedDecisionDefinitions()).extracting(DecisionDefinition::getKey)
        .containsExactlyInAnyOrder(FilingProcess.Decisions.VERIFIER_ROLES, FilingProcess.Decisions.SMS_VERIFICATION_ROLLOUT);
  }

  @Test
  void shouldKeepHistoryOf180DaysForEveryProcessAndDecision() {
    RepositoryService repository = processEngine.getRepositoryService();
    assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).list())
        .hasSize(2)
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(180));
    assertThat(repository.createDecisionDefinitionQuery().deploymentId(deployment.getId()).list())
        .hasSize(2)
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(180));
  }

  @Test
  void shouldNameEachFormByItsFileName() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (String form : List.of(FilingProcess.Forms.START, FilingProcess.Forms.REVIEW, SmsVerificationProcess.Forms.VERIFY)) {
      JsonNode schema = json.readTree(resource("forms/" + form + ".form"));
      assertThat(schema.path("id").asText()).isEqualTo(form);
      assertThat(schema.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
      assertThat(schema.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");
    }
  }

  @Test
  void shouldContainEveryElementTheFilingProcessConstantsName() throws IOException {
    BpmnModelInstance model = model(FilingProcess.KEY);
    for (String id : constants(FilingProcess.Elements.class)) {
      assertThat((BaseElement) model.getModelElementById(id)).as(id).isNotNull();
    }
    assertThat(model.<Message>getModelElementById("Message_FilingWithdrawn").getName())
        .isEqualTo(FilingProcess.Messages.FILING_WITHDRAWN);
  }

  @Test
  void shouldContainEveryElementTheSmsVerificationProcessConstantsName() throws IOException {
    BpmnModelInstance model = model(SmsVerificationProcess.KEY);
    for (String id : constants(SmsVerificationProcess.Elements.class)) {
      assertThat((BaseElement) model.getModelElementById(id)).as(id).isNotNull();
    }
    assertThat(model.<Message>getModelElementById("Message_ResendRequested").getName())
        .isEqualTo(SmsVerificationProcess.Messages.RESEND_REQUESTED);
    assertThat(model.<Error>getModelElementById("Error_VerificationFailed").getErrorCode())
        .isEqualTo(SmsVerificationProcess.Errors.VERIFICATION_FAILED);
  }

  @Test
  void shouldSendEveryCodeAfterACommitWithRetries() throws IOException {
    BpmnModelInstance model = model(SmsVerificationProcess.KEY);
    for (String id : List.of(SmsVerificationProcess.Elements.SEND_SMS_CODE,
        SmsVerificationProcess.Elements.RESEND_SMS_CODE, SmsVerificationProcess.Elements.AUTO_RESEND_SMS_CODE)) {
      ServiceTask task = model.getModelElementById(id);
      assertThat(task.isCamundaAsyncBefore()).as(id + " asyncBefore").isTrue();
      assertThat(retryCycle(task)).as(id + " retry cycle").isEqualTo("R5/PT10S");
    }
  }

  @Test
  void shouldCommitEachVerifierBeforeTheJoinOfTheParallelMultiInstance() throws IOException {
    SubProcess perVerifier = model(SmsVerificationProcess.KEY)
        .getModelElementById(SmsVerificationProcess.Elements.VERIFY_PER_VERIFIER);
    MultiInstanceLoopCharacteristics loop =
        (MultiInstanceLoopCharacteristics) perVerifier.getLoopCharacteristics();

    assertThat(loop.isSequential()).isFalse();
    assertThat(loop.getCamundaElementVariable()).isEqualTo(SmsVerificationProcess.Vars.VERIFIER_ID);
    assertThat(loop.getCompletionCondition().getTextContent()).contains("quorum == 'ANY'");
    // asyncAfter on the inner activity, not on the loop characteristics (that would be the multi-instance body)
    assertThat(perVerifier.isCamundaAsyncAfter()).isTrue();
    assertThat(retryCycle(perVerifier)).isEqualTo("R5/PT5S");
  }

  @Test
  void shouldHandTheFilingReferencesToTheVerificationAndTakeBackItsOutcome() throws IOException {
    BpmnModelInstance model = model(FilingProcess.KEY);
    for (String id : List.of(FilingProcess.Elements.VERIFY_SMS_CODES, FilingProcess.Elements.VERIFY_NEW_PHONE)) {
      CallActivity call = model.getModelElementById(id);
      assertThat(call.getCalledElement()).isEqualTo(SmsVerificationProcess.KEY);
      assertThat(call.getCamundaCalledElementBinding()).isEqualTo("deployment");
      assertThat(call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list())
          .extracting(CamundaIn::getCamundaSource).containsExactlyInAnyOrder(
              null, FilingProcess.Vars.FILING_ID, FilingProcess.Vars.QUORUM);
      assertThat(call.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list())
          .extracting(CamundaOut::getCamundaTarget).containsExactly(FilingProcess.Vars.VERIFICATION_OUTCOME);
    }
  }

  @Test
  void shouldOfferEachTaskToItsGroupWithItsForm() throws IOException {
    UserTask review = model(FilingProcess.KEY).getModelElementById(FilingProcess.Elements.REVIEW_FILING);
    assertThat(review.getCamundaCandidateGroups()).isEqualTo("bureau-${province}");
    assertThat(review.getCamundaFormRef()).isEqualTo(FilingProcess.Forms.REVIEW);

    UserTask verify = model(SmsVerificationProcess.KEY).getModelElementById(SmsVerificationProcess.Elements.VERIFY_SMS_CODE);
    assertThat(verify.getCamundaCandidateGroups()).isEqualTo(SmsVerificationProcess.VERIFICATION_DESK_GROUP);
    assertThat(verify.getCamundaFormRef()).isEqualTo(SmsVerificationProcess.Forms.VERIFY);
  }

  // helpers

  private static BpmnModelInstance model(String key) throws IOException {
    try (InputStream in = resource("processes/" + key + ".bpmn")) {
      return Bpmn.readModelFromStream(in);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = ProcessModelsTest.class.getClassLoader().getResourceAsStream(path);
    assertThat(in).as(path).isNotNull();
    return in;
  }

  private static String retryCycle(BaseElement element) {
    return element.getExtensionElements().getElementsQuery()
        .filterByType(CamundaFailedJobRetryTimeCycle.class).singleResult().getTextContent();
  }

  private static List<String> constants(Class<?> holder) {
    List<String> values = new ArrayList<>();
    for (Field field : holder.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    assertThat(values).as(holder.getName()).isNotEmpty();
    return values;
  }
}
