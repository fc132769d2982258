package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 10, finding 5: a refusal answers 403/404/4xx as a problem document in plain Chinese, never 500, and a person's
 * mistake logs no ERROR and no stack trace.
 */
@SharedHttpContext
@ExtendWith(OutputCaptureExtension.class)
class RefusalAnswersTest extends StaffRestSupport {

  /** every way a reviewer might reach another province's task or instance (ENGINE-13034 → 500 before) */
  static List<String[]> foreignProbes() {
    return List.of(
        new String[] {"GET", "/task/{task}", null},
        new String[] {"GET", "/task/{task}/variables", null},
        new String[] {"GET", "/task/{task}/variables/filingId", null},
        new String[] {"GET", "/task/{task}/localVariables", null},
        new String[] {"GET", "/task/{task}/form-variables", null},
        new String[] {"GET", "/task/{task}/form", null},
        new String[] {"GET", "/task/{task}/deployed-form", null},
        new String[] {"GET", "/task/{task}/identity-links", null},
        new String[] {"GET", "/task/{task}/comment", null},
        new String[] {"GET", "/task/{task}/attachment", null},
        new String[] {"POST", "/task/{task}/claim", "{\"userId\":\"reviewer-gs\"}"},
        new String[] {"POST", "/task/{task}/unclaim", "{}"},
        new String[] {"POST", "/task/{task}/assignee", "{\"userId\":\"reviewer-gs\"}"},
        new String[] {"POST", "/task/{task}/delegate", "{\"userId\":\"reviewer-gs\"}"},
        new String[] {"POST", "/task/{task}/complete", "{\"variables\":{\"approved\":{\"value\":true}}}"},
        new String[] {"POST", "/task/{task}/submit-form", "{\"variables\":{\"approved\":{\"value\":true}}}"},
        new String[] {"POST", "/task/{task}/resolve", "{\"variables\":{}}"},
        new String[] {"POST", "/task/{task}/identity-links", "{\"groupId\":\"bureau-CN-GS\",\"type\":\"candidate\"}"},
        new String[] {"POST", "/task/{task}/comment/create", "{\"message\":\"越权\"}"},
        new String[] {"PUT", "/task/{task}", "{\"name\":\"越权\"}"},
        new String[] {"DELETE", "/task/{task}", null},
        new String[] {"GET", "/process-instance/{instance}", null},
        new String[] {"GET", "/process-instance/{instance}/variables", null},
        new String[] {"GET", "/process-instance/{instance}/activity-instances", null},
        new String[] {"PUT", "/process-instance/{instance}/suspended", "{\"suspended\":true}"},
        new String[] {"DELETE", "/process-instance/{instance}", null},
        new String[] {"GET", "/execution/{execution}", null},
        new String[] {"GET", "/execution/{execution}/localVariables", null});
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "webapp"})
  void shouldAnswerEveryOperationOnAnotherProvincesTaskAsIfItDidNotExist(String surface, CapturedOutput output) {
    // given a Zhejiang request under review
    TestFiling zhejiang = underReview("CN-ZJ");
    Task review = reviewTask(zhejiang.id());
    String before = zhejiangState(review, zhejiang.id());
    int logFrom = output.getAll().length();

    for (String[] probe : foreignProbes()) {
      String path = probe[1].replace("{task}", review.getId()).replace("{instance}", review.getProcessInstanceId())
          .replace("{execution}", review.getExecutionId());
      // when Gansu's reviewer tries it
      Response response = call(surface, "reviewer-gs", probe[0], path, probe[2]);
      // then 404, as if there were no such task
      assertRefusal(response, 404);
    }

    // and nothing changed, and nothing was logged as an error
    assertThat(zhejiangState(review, zhejiang.id())).isEqualTo(before);
    assertNoErrorLogged(output, logFrom);
  }

  private String zhejiangState(Task review, String filingId) {
    Task task = engine.getTaskService().createTaskQuery().taskId(review.getId()).singleResult();
    return List.of(task.getName(), String.valueOf(task.getAssignee()), String.valueOf(task.getOwner()),
        engine.getTaskService().getIdentityLinksForTask(task.getId()).size(),
        engine.getTaskService().getTaskComments(task.getId()).size(),
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(review.getProcessInstanceId())
            .singleResult().isSuspended(),
        filings.get(filingId).status()).toString();
  }

  @Test
  void shouldTellTheDeskAWrongEntryInPlainChineseWithTheAttemptsLeft(CapturedOutput output) {
    // given a verifier task and its person's code
    TestFiling filing = verifying("CN-GS");
    Verifier zhang = verifierOf(filing, filing.zhang());
    String code = latestCode(filing.zhang().phone());
    int logFrom = output.getAll().length();

    // when the desk submits the right code with a wrong ID suffix in Tasklist
    Response wrong = webapp("desk", "POST", "/task/" + zhang.taskId() + "/submit-form",
        verifierForm(code, filing.zhang().phone(), "000000"));

    // then 422 with the message of docs/rules.md §5 and the attempts left (5 allowed, 1 used)
    assertRefusal(wrong, 422);
    assertThat(wrong.body().get("message").asText())
        .isEqualTo("张*的短信核验失败,请输入正确的信息。您还可以再输错4次,累计输错5次备案申请将被退回。");
    assertThat(wrong.body().get("result").asText()).isEqualTo("WRONG_INFO");
    assertThat(wrong.body().get("remainingAttempts").asInt()).isEqualTo(4);
    assertThat(engine.getTaskService().createTaskQuery().taskId(zhang.taskId()).count()).isOne();
    assertThat(verifiers.get(zhang.id()).failedAttempts()).isOne();

    // when the phone is not a phone number
    Response malformed = webapp("desk", "POST", "/task/" + zhang.taskId() + "/submit-form",
        verifierForm(code, "12345", TestData.last6(filing.zhang())));

    // then 400 naming the field by its label in the form
    assertRefusal(malformed, 400);
    assertThat(malformed.body().get("errors").get(0).get("label").asText()).isEqualTo("手机号码");
    assertThat(verifiers.get(zhang.id()).status()).isEqualTo(VerifierStatus.PENDING);
    assertNoErrorLogged(output, logFrom);
  }

  @Test
  void shouldRefuseAnInvalidStartFormNamingTheFieldsByTheirLabels(CapturedOutput output) {
    // given the start form as Tasklist sends it, with a refused phone segment and an invalid resident ID
    String requestNo = TestData.requestNo();
    ObjectNode form = startForm(requestNo, TestData.person("张三"));
    ((ObjectNode) form.get("variables")).putObject("entityPrincipalPhone").put("value", "16612345678");
    ((ObjectNode) form.get("variables")).putObject("entityPrincipalIdNumber").put("value", "620102199003071230");
    int logFrom = output.getAll().length();

    // when the administrator submits it in Tasklist
    Response response = webapp("demo", "POST", "/process-definition/key/" + FilingProcess.KEY + "/submit-form", form.toString());

    // then 400: each field by its label as the form shows it, never the API's field paths; nothing stored
    assertRefusal(response, 400);
    assertThat(response.body().get("errors").findValuesAsText("label")).containsExactly("主体负责人手机号码", "主体负责人证件号码");
    assertThat(response.body().get("message").asText()).contains("主体负责人手机号码: ", "不支持备案", "主体负责人证件号码: ")
        .doesNotContain("entity.principal", "entityPrincipal");
    assertThat(filings.findByRequestNo("tasklist", requestNo)).isEmpty();
    assertNoErrorLogged(output, logFrom);
  }

  @Test
  void shouldRefuseASecondStartFormWithTheSameRequestNumber(CapturedOutput output) {
    // given a request entered in Tasklist
    String requestNo = TestData.requestNo();
    Response first = webapp("demo", "POST", "/process-definition/key/" + FilingProcess.KEY + "/submit-form",
        startForm(requestNo, TestData.person("张三")).toString());
    assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
    int logFrom = output.getAll().length();

    // when the same number is entered again
    Response second = webapp("demo", "POST", "/process-definition/key/" + FilingProcess.KEY + "/submit-form",
        startForm(requestNo, TestData.person("王五")).toString());

    // then 409 naming 申请编号, and still one request
    assertRefusal(second, 409);
    assertThat(second.body().get("errors").get(0).get("label").asText()).isEqualTo("申请编号");
    assertThat(filings.findByRequestNo("tasklist", requestNo)).isPresent();
    assertThat(filings.get(filings.findByRequestNo("tasklist", requestNo).get().id()).status())
        .isEqualTo(FilingStatus.VERIFYING);
    assertNoErrorLogged(output, logFrom);
  }

  private ObjectNode startForm(String requestNo, Person principal) {
    ObjectNode body = json.createObjectNode();
    ObjectNode variables = body.putObject("variables");
    Map.of("requestNo", requestNo, "province", "CN-GS", "filingType", "NEW_FILING", "serviceType", "WEBSITE",
            "entityName", "兰州示例科技有限公司", "entityPrincipalName", principal.name(),
            "entityPrincipalPhone", principal.phone(), "entityPrincipalIdType", "RESIDENT_ID",
            "entityPrincipalIdNumber", principal.idNumber(), "websiteDomain", "example.cn")
        .forEach((name, value) -> variables.putObject(name).put("value", value));
    Person web = TestData.person("李四");
    variables.putObject("websitePrincipalName").put("value", web.name());
    variables.putObject("websitePrincipalPhone").put("value", web.phone());
    variables.putObject("websitePrincipalIdType").put("value", "RESIDENT_ID");
    variables.putObject("websitePrincipalIdNumber").put("value", web.idNumber());
    variables.putObject("entityChanged").put("value", false);
    return body;
  }

  private static String verifierForm(String code, String phone, String idLast6) {
    return "{\"variables\":{\"smsCode\":{\"value\":\"" + code + "\"},\"phone\":{\"value\":\"" + phone + "\"},"
        + "\"idLast6\":{\"value\":\"" + idLast6 + "\"}}}";
  }

}
