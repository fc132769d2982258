package cn.beian.verify.process;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.testdb.H2Only;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
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
@H2Only("checks the models on a standalone in-memory engine of its own; the database is only its scratch pad")
class ProcessModelsTest {

  private static final String[] RESOURCE_PATTERNS = {
      "classpath*:processes/*.bpmn", "classpath*:processes/*.dmn", "classpath*:forms/*.form"};

  private static ProcessEngine processEngine;
  private static DeploymentWithDefinitions deployment;
  private static final List<String> deployedResources = new ArrayList<>();

  @BeforeAll
  static void deployEveryModel() throws IOException {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
        ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
            .setJdbcUrl("jdbc:h2:mem:process-models-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .setJobExecutorActivate(false)
            .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
            .setProcessEngineName("process-models-" + UUID.randomUUID());
    configuration.setBeans(StubBeans.all());
    processEngine = configuration.buildProcessEngine();

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
  void shouldIssueTheFirstAndNoonCodesWithTheStepThatNeedsThemAndRetryTheNoonTimer() throws IOException {
    BpmnModelInstance model = model(SmsVerificationProcess.KEY);
    // the code and its outbox row commit with the verifier's task (or the fired noon timer); the SMS leaves from the
    // outbox after that commit, so a job in between would only add a round trip per code
    for (String id : List.of(SmsVerificationProcess.Elements.SEND_SMS_CODE,
        SmsVerificationProcess.Elements.AUTO_RESEND_SMS_CODE)) {
      ServiceTask task = model.getModelElementById(id);
      assertThat(task.isCamundaAsyncBefore()).as(id + " asyncBefore").isFalse();
    }
    // a failing noon resend rolls back and the timer job is retried
    assertThat(retryCycle(model.getModelElementById(SmsVerificationProcess.Elements.NOON_RESEND))).isEqualTo("R5/PT10S");
    // a resend someone asked for is taken at once and issued by its own job
    ServiceTask resend = model.getModelElementById(SmsVerificationProcess.Elements.RESEND_SMS_CODE);
    assertThat(resend.isCamundaAsyncBefore()).isTrue();
    assertThat(retryCycle(resend)).isEqualTo("R5/PT10S");
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
    // asyncAfter on the loop characteristics is the save point of each inner instance; on the activity
    // itself it would be the multi-instance body's, after the join (BpmnParse#parseAsynchronousContinuationForActivity)
    assertThat(loop.isCamundaAsyncAfter()).isTrue();
    assertThat(perVerifier.isCamundaAsyncAfter()).isFalse();
    assertThat(retryCycle(loop)).isEqualTo("R5/PT5S");
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
              null, FilingProcess.Vars.FILING_ID, FilingProcess.Vars.QUORUM, FilingProcess.Vars.REQUEST_NO);
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

  @Test
  void shouldOfferOnlyTheFilingProcessInTasklistsStartDialog() {
    // the SMS verification is called by the filing process; started by hand it has no request to verify
    assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
        .startableInTasklist().list()).extracting(ProcessDefinition::getKey).containsExactly(FilingProcess.KEY);
    assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery().deploymentId(deployment.getId())
        .notStartableInTasklist().list()).extracting(ProcessDefinition::getKey)
        .containsExactly(SmsVerificationProcess.KEY);
  }

  @Test
  void shouldGiveTheVerifierTaskTheVerificationDeadlineAsDueDateAndADescription() {
    // given a verification running for two verifiers
    String instance = startVerification("ALL");
    executeAllJobs();
    String filingId = (String) processEngine.getRuntimeService().getVariable(instance, SmsVerificationProcess.Vars.FILING_ID);

    // then each task is due when the window closes and describes its request
    assertThat(verifierTasks(instance)).hasSize(2).allSatisfy(task -> {
      assertThat(task.getDueDate()).isCloseTo(Date.from(Instant.now().plus(Duration.ofHours(24))), 60_000);
      assertThat(task.getDescription()).isEqualTo("description of " + filingId);
    });
  }

  @Test
  void shouldPassVerificationWhenEveryVerifierOfAnAllQuorumVerifies() {
    // given two pending verifiers and quorum ALL
    String instance = startVerification("ALL");
    executeAllJobs(); // the two first SMS, each after its own commit
    assertThat(verifierTasks(instance)).hasSize(2);

    // when both verify
    verifierTasks(instance).forEach(task -> processEngine.getTaskService().complete(task.getId()));
    executeAllJobs(); // the save points after each verifier

    // then the verification concluded VERIFIED
    assertThat(StubBeans.sent).hasSize(2);
    assertThat(outcome(instance)).isEqualTo("VERIFIED");
  }

  @Test
  void shouldPassVerificationWhenOneVerifierOfAnAnyQuorumVerifies() {
    // given two pending verifiers and quorum ANY (website cancellation)
    String instance = startVerification("ANY");
    executeAllJobs();

    // when only one verifies
    processEngine.getTaskService().complete(verifierTasks(instance).get(0).getId());
    executeAllJobs();

    // then the verification concluded VERIFIED and the other task is gone
    assertThat(outcome(instance)).isEqualTo("VERIFIED");
    assertThat(verifierTasks(instance)).isEmpty();
  }

  @Test
  void shouldResendToTheRequestingVerifierOnlyAndKeepHisTaskOpen() {
    // given two verifiers waiting for their codes
    String instance = startVerification("ALL");
    executeAllJobs();
    Task task = verifierTasks(instance).get(0);
    String verifierId = (String) processEngine.getRuntimeService()
        .getVariable(task.getExecutionId(), SmsVerificationProcess.Vars.VERIFIER_ID);
    StubBeans.resent.clear();

    // when one asks for a resend (the boundary subscription lives on his task's execution)
    processEngine.getRuntimeService()
        .messageEventReceived(SmsVerificationProcess.Messages.RESEND_REQUESTED, task.getExecutionId());
    executeAllJobs();

    // then his code is resent and both tasks stay open
    assertThat(StubBeans.resent).containsExactly(verifierId);
    assertThat(verifierTasks(instance)).hasSize(2);
  }

  @Test
  void shouldRouteAFirstFilingThroughVerificationToBureauReview() {
    // given a first website filing in Gansu after the pilot date
    String instance = processEngine.getRuntimeService().startProcessInstanceByKey(FilingProcess.KEY, "filing-1",
        Variables.createVariables()
            .putValue(FilingProcess.Vars.FILING_ID, "filing-1")
            .putValue(FilingProcess.Vars.PROVINCE, "CN-GS")
            .putValue(FilingProcess.Vars.FILING_TYPE, "NEW_FILING")
            .putValue(FilingProcess.Vars.SERVICE_TYPE, "WEBSITE")
            .putValue(FilingProcess.Vars.ENTITY_CHANGED, false)
            .putValue(FilingProcess.Vars.WEBSITES_CHANGED, false)
            .putValue(FilingProcess.Vars.REMARKS_ONLY, false)
            .putValue(FilingProcess.Vars.SUBMITTED_ON, "2018-01-02")).getId();
    assertThat(processEngine.getRuntimeService().getVariable(instance, FilingProcess.Vars.SMS_VERIFICATION_REQUIRED))
        .isEqualTo(true);

    // when every verifier verifies in the called verification
    executeAllJobs();
    processEngine.getTaskService().createTaskQuery().taskDefinitionKey(SmsVerificationProcess.Elements.VERIFY_SMS_CODE)
        .processVariableValueEquals(FilingProcess.Vars.FILING_ID, "filing-1").list()
        .forEach(task -> processEngine.getTaskService().complete(task.getId()));
    executeAllJobs();

    // then the filing waits for the Gansu bureau
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(FilingProcess.Elements.REVIEW_FILING).taskCandidateGroup("bureau-CN-GS").count())
        .isEqualTo(1);
  }

  // helpers

  private static String startVerification(String quorum) {
    StubBeans.sent.clear();
    return processEngine.getRuntimeService().startProcessInstanceByKey(SmsVerificationProcess.KEY,
        Variables.createVariables()
            .putValue(SmsVerificationProcess.Vars.FILING_ID, "filing-" + UUID.randomUUID())
            .putValue(SmsVerificationProcess.Vars.QUORUM, quorum)).getId();
  }

  private static List<Task> verifierTasks(String instance) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(instance)
        .taskDefinitionKey(SmsVerificationProcess.Elements.VERIFY_SMS_CODE).list();
  }

  private static Object outcome(String instance) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableName(SmsVerificationProcess.Vars.VERIFICATION_OUTCOME).singleResult().getValue();
  }

  /** the async continuations only: timers are not due in these tests */
  private static void executeAllJobs() {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = processEngine.getManagementService().createJobQuery().executable().messages().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> processEngine.getManagementService().executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming");
  }

  /** Stand-ins for the Spring beans the models name; the real ones live in the verification and filing packages. */
  static final class StubBeans {
    static final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final List<String> resent = new java.util.concurrent.CopyOnWriteArrayList<>();

    static Map<Object, Object> all() {
      Map<Object, Object> beans = new HashMap<>();
      JavaDelegate nothing = execution -> { };
      for (String name : List.of("registerFilingDelegate", "openReviewDelegate", "recordReviewDelegate",
          "rejectFilingDelegate", "approveFilingDelegate", "returnFilingDelegate", "withdrawFilingDelegate",
          "openVerificationWindowDelegate", "autoResendSmsCodeDelegate")) {
        beans.put(name, nothing);
      }
      beans.put("resolveVerifiersDelegate", (JavaDelegate) execution -> {
        execution.setVariable(FilingProcess.Vars.ROUTE, "VERIFY_THEN_REVIEW");
        execution.setVariable(FilingProcess.Vars.QUORUM, "ALL");
      });
      beans.put("sendSmsCodeDelegate", (JavaDelegate) execution ->
          sent.add((String) execution.getVariable(SmsVerificationProcess.Vars.VERIFIER_ID)));
      beans.put("resendSmsCodeDelegate", (JavaDelegate) execution ->
          resent.add((String) execution.getVariable(SmsVerificationProcess.Vars.VERIFIER_ID)));
      beans.put("concludeVerificationDelegate", outcome("VERIFIED"));
      beans.put("expireVerificationDelegate", outcome("EXPIRED"));
      beans.put("failVerificationDelegate", outcome("FAILED"));
      beans.put("verifySmsCodeTaskListener", (TaskListener) task -> { });
      beans.put("reviewTaskDetailsListener", (TaskListener) task -> { });
      beans.put("verifierDirectory", new VerifierDirectory());
      beans.put("verificationClock", new VerificationClock());
      beans.put("taskTexts", new TaskTexts());
      return beans;
    }

    private static JavaDelegate outcome(String outcome) {
      return execution -> execution.setVariable(SmsVerificationProcess.Vars.VERIFICATION_OUTCOME, outcome);
    }

    public static final class VerifierDirectory {
      public List<String> pendingVerifierIds(String filingId) {
        return List.of(filingId + "-entity", filingId + "-website");
      }
    }

    public static final class TaskTexts {
      public String verifierTaskDescription(String filingId) {
        return "description of " + filingId;
      }
    }

    public static final class VerificationClock {
      public Date deadline(String filingId) {
        return Date.from(Instant.now().plus(Duration.ofHours(24)));
      }

      public Date autoResendAt(String filingId) {
        return Date.from(Instant.now().plus(Duration.ofHours(20)));
      }
    }
  }

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
