package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.ReturnReason;
import cn.beian.verify.process.SmsVerificationProcess.Vars;
import cn.beian.verify.verification.VerifierStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** The Tasklist forms: start form and verifier form, through the engine's form service as Tasklist calls it. */
class TasklistFormScenarioTest extends ProcessScenarioSupport {

  private Task taskOf(String filingId, String phone) {
    String taskId = verifierOf(filingId, phone).taskId();
    return engine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
  }

  private void submitForm(Task task, String code, String phone, String idLast6) {
    engine.getFormService().submitTaskForm(task.getId(),
        Map.of(Vars.SMS_CODE, code, Vars.PHONE, phone, Vars.ID_LAST6, idLast6));
  }

  @Test
  void shouldCompleteTheVerifierTaskOnlyWithTheRightCode() {
    // given a verifier task
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    Task task = taskOf(filingId, zhang.phone());
    assertThat(task.getName()).contains("张*").contains(zhang.phone().substring(7)).doesNotContain(zhang.phone());
    String code = latestCode(zhang.phone());

    // when the desk submits a wrong suffix: the task stays open, the person sees why, the failure is kept
    assertThatThrownBy(() -> submitForm(task, code, zhang.phone(), "000000"))
        .hasMessageContaining("张*的短信核验失败,请输入正确的信息。");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isEqualTo(1);

    // when the right data is submitted
    submitForm(task, code, "+86 " + zhang.phone(), last6(zhang));

    // then the task is done and the person verified; nothing the person typed stays in the process
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isZero();
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.VERIFIED);
    assertThat(engine.getRuntimeService().createVariableInstanceQuery()
        .variableNameIn(Vars.SMS_CODE, Vars.PHONE, Vars.ID_LAST6).list())
        .allSatisfy(v -> assertThat(v.getValue()).as(v.getName()).isNull());
  }

  @Test
  void shouldRefuseAMalformedEntryFieldByFieldWithThePublicPagesMessagesAndCountNothing() {
    // given a verifier task
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    Task task = taskOf(filingId, zhang.phone());

    // when the desk types a five-digit code and a number that is no mainland mobile
    assertThatThrownBy(() -> submitForm(task, "12345", "2345678", last6(zhang)))
        // then each field is named by its label with what the public page says about it (the one input parser)
        .satisfies(thrown -> {
          // the engine wraps what a task listener throws; the staff REST edge answers the refusal inside
          RefusalException refusal = refusalIn(thrown);
          assertThat(refusal.status()).isEqualTo(400);
          assertThat(refusal.problems()).extracting(InputProblem::field, InputProblem::label, InputProblem::message)
              .containsExactlyInAnyOrder(
                  tuple(Vars.PHONE, "手机号码", "手机号码格式不正确,应为11位中国大陆手机号码"),
                  tuple(Vars.SMS_CODE, "短信验证码", "短信验证码应为6位数字"));
        });
    // and a typo is no attempt: nothing counted, the task still open
    assertThat(verifierOf(filingId, zhang.phone()).failedAttempts()).isZero();
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void shouldReturnTheRequestWhenTheFifthFailureIsEnteredInTheForm() {
    // given four failures already
    Person zhang = person("张三");
    String filingId = submitAndSend(TestData.newFiling("CN-GS", zhang, person("李四")));
    Task task = taskOf(filingId, zhang.phone());
    String code = latestCode(zhang.phone());
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> submitForm(task, code, zhang.phone(), "000000")).hasMessageContaining("核验失败");
    }

    // when the fifth is submitted through the form
    submitForm(task, code, zhang.phone(), "000000");
    runJobs(filingId);

    // then the error boundary returns the request
    assertThat(verifierOf(filingId, zhang.phone()).status()).isEqualTo(VerifierStatus.FAILED);
    assertThat(filing(filingId).status()).isEqualTo(FilingStatus.RETURNED);
    assertThat(filing(filingId).returnReason()).isEqualTo(ReturnReason.VERIFICATION_FAILED);
  }

  @Test
  void shouldStoreAFilingSubmittedThroughTheStartFormAndKeepItsPersonalDataOutOfTheProcess() {
    // given the start form's fields as Tasklist submits them
    Person zhang = person("张三");
    Person li = person("李四");
    Map<String, Object> form = new HashMap<>();
    form.put("requestNo", TestData.requestNo());
    form.put("province", "CN-GS");
    form.put("filingType", "NEW_FILING");
    form.put("serviceType", "WEBSITE");
    form.put("entityName", "兰州示例科技有限公司");
    form.put("entityPrincipalName", zhang.name());
    form.put("entityPrincipalPhone", zhang.phone());
    form.put("entityPrincipalIdType", "RESIDENT_ID");
    form.put("entityPrincipalIdNumber", zhang.idNumber());
    form.put("websiteDomain", "example.cn");
    form.put("websitePrincipalName", li.name());
    form.put("websitePrincipalPhone", li.phone());
    form.put("websitePrincipalIdType", "RESIDENT_ID");
    form.put("websitePrincipalIdNumber", li.idNumber());
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(FilingProcess.KEY).latestVersion().singleResult().getId();

    // when
    ProcessInstance instance = engine.getFormService().submitStartForm(definitionId, form);

    // then the filing exists under the instance's business key, the codes go out, and no personal data remains
    String filingId = instance.getBusinessKey();
    Filing filing = filing(filingId);
    assertThat(filing.requestNo()).isEqualTo(form.get("requestNo"));
    assertThat(instance.getTenantId()).isEqualTo("CN-GS");
    runJobs(filingId);
    assertThat(smsTo(zhang.phone())).hasSize(1);
    assertThat(smsTo(li.phone())).hasSize(1);
    List<String> names = engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(instance.getId())
        .list().stream().map(v -> v.getName()).toList();
    assertThat(names).contains(FilingProcess.Vars.FILING_ID)
        .doesNotContain("entityPrincipalName", "entityPrincipalPhone", "entityPrincipalIdNumber", "entityName",
            "websitePrincipalName", "websitePrincipalPhone", "websitePrincipalIdNumber");
  }

  @Test
  void shouldRefuseAnInvalidStartFormWithoutStoringAnything() {
    Map<String, Object> form = new HashMap<>();
    String requestNo = TestData.requestNo();
    form.put("requestNo", requestNo);
    form.put("province", "CN-GS");
    form.put("filingType", "NEW_FILING");
    form.put("serviceType", "WEBSITE");
    form.put("entityName", "兰州示例科技有限公司");
    form.put("entityPrincipalName", "张三");
    form.put("entityPrincipalPhone", "16612345678");
    form.put("entityPrincipalIdType", "RESIDENT_ID");
    form.put("entityPrincipalIdNumber", "620102199003071230");
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(FilingProcess.KEY).latestVersion().singleResult().getId();

    assertThatThrownBy(() -> engine.getFormService().submitStartForm(definitionId, form))
        .hasMessageContaining("不支持备案");
    assertThat(filings.findByRequestNo(RegisterFilingDelegate.TASKLIST_PROVIDER, requestNo)).isEmpty();
  }

  private static RefusalException refusalIn(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof RefusalException refusal) {
        return refusal;
      }
    }
    throw new AssertionError("no refusal in " + thrown, thrown);
  }
}
