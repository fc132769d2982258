package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.WebappSession;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.verification.VerificationService;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review form's content as Tasklist loads it (the webapps' form-variables call, logged in like a browser): the
 * request's bureau sees the persons in clear, an administrator masked, everyone else nothing, and none of it is
 * ever stored in the engine.
 */
@SharedHttpContext
class TasklistReviewDataTest extends HttpTestSupport {
  private static final String ENGINE_API = "/camunda/api/engine/engine/default";

  @Autowired FilingService filingService;
  @Autowired VerificationService verificationService;

  private Person zhang;
  private Person li;
  private FilingSubmission submission;
  private String filingId;
  private String reviewTaskId;

  @BeforeEach
  void requestUnderReviewInGansu() {
    zhang = person("张三");
    li = person("李四");
    submission = TestData.newFiling("CN-GS", zhang, li);
    filingId = filingService.submit("demo-provider-a", submission).filing().id();
    runJobs(filingId);
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    verificationService.check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);
    reviewTaskId = reviewTask(filingId).getId();
  }

  private HttpResponse<String> formVariables(WebappSession session, String taskId) {
    return session.get(ENGINE_API + "/task/" + taskId + "/form-variables?deserializeValues=false");
  }

  private JsonNode review(HttpResponse<String> answer) throws Exception {
    JsonNode variable = json.readTree(answer.body()).get(TasklistReviewData.VARIABLE);
    assertThat(variable).as("review variable in %s", answer.body()).isNotNull();
    assertThat(variable.get("type").asText()).isEqualTo("Json");
    return json.readTree(variable.get("value").asText());
  }

  @Test
  void shouldShowTheRequestsBureauThePersonsInClear() throws Exception {
    // when Gansu's reviewer opens the review form in Tasklist
    HttpResponse<String> answer = formVariables(WebappSession.login(port, "reviewer-gs", "tasklist"), reviewTaskId);

    // then the form has the request, the persons in clear and the trail, never cached
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode review = review(answer);
    assertThat(review.get("unmasked").asBoolean()).isTrue();
    assertThat(review.get("title").asText()).isEqualTo("备案申请 " + submission.requestNo() + " · 首次备案 · 兰州示例科技有限公司");
    assertThat(review.get("persons").toString()).contains("张三", zhang.phone(), zhang.idNumber(), "李四", li.phone(),
        "居民身份证", "主体负责人", "网站负责人");
    assertThat(review.get("verifications")).hasSize(2);
    assertThat(review.toString()).doesNotContain("NEW_FILING", "ENTITY_PRINCIPAL", "RESIDENT_ID", "\"WEBSITE\"");
    // and the engine's own variables are still there for the form
    assertThat(json.readTree(answer.body()).get(FilingProcess.Vars.FILING_ID).get("value").asText()).isEqualTo(filingId);
  }

  @Test
  void shouldShowAnAdministratorTheRequestMasked() throws Exception {
    // when the administrator (not a member of Gansu's bureau) opens the same form
    JsonNode review = review(formVariables(WebappSession.login(port, "demo", "tasklist"), reviewTaskId));

    // then every person is masked
    assertThat(review.get("unmasked").asBoolean()).isFalse();
    assertThat(review.toString()).contains("张*", "李*").doesNotContain("张三", "李四", zhang.phone(), li.phone(),
        zhang.idNumber(), li.idNumber());
  }

  @Test
  void shouldShowAnotherProvincesReviewerAndTheDeskNothing() {
    // when Zhejiang's reviewer and the desk ask for the Gansu review's form data
    for (String user : List.of("reviewer-zj", "desk")) {
      HttpResponse<String> answer = formVariables(WebappSession.login(port, user, "tasklist"), reviewTaskId);

      // then the engine refuses (Zhejiang: the engine's tenant check answers 500 ENGINE-13034 today), and nothing
      // of the request is in the answer
      assertThat(answer.statusCode()).as(user + answer.body()).isNotEqualTo(200).isGreaterThanOrEqualTo(400);
      assertThat(answer.body()).as(user).doesNotContain("张", "李", zhang.phone(), submission.requestNo());
    }
  }

  @Test
  void shouldAddNothingToOtherTasksForms() throws Exception {
    // given a verifier task of another request, read by the desk
    Person wang = person("王五");
    String other = filingService.submit("demo-provider-a", TestData.newFiling("CN-GS", wang, person("赵六")))
        .filing().id();
    runJobs(other);
    String verifierTask = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(other)
        .taskDefinitionKey(SmsVerificationProcess.Elements.VERIFY_SMS_CODE).list().get(0).getId();

    // when
    HttpResponse<String> answer = formVariables(WebappSession.login(port, "desk", "tasklist"), verifierTask);

    // then its data are the engine's only
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json.readTree(answer.body()).has(TasklistReviewData.VARIABLE)).isFalse();
  }

  @Test
  void shouldReplaceAForgedReviewVariableAndStoreNothingOfItsOwn() throws Exception {
    // given the reviewer may not store a variable named like the form's content on the task through the engine API
    WebappSession reviewer = WebappSession.login(port, "reviewer-gs", "tasklist");
    HttpResponse<String> forged = reviewer.send("PUT", ENGINE_API + "/task/" + reviewTaskId + "/localVariables/review",
        "{\"value\":\"{\\\"title\\\":\\\"伪造的申请\\\"}\",\"type\":\"Json\"}");
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
    // and one is there all the same (an administrator may write variables)
    engine.getTaskService().setVariableLocal(reviewTaskId, TasklistReviewData.VARIABLE,
        org.camunda.spin.Spin.JSON("{\"title\":\"伪造的申请\"}"));

    // when the form is opened
    JsonNode review = review(formVariables(reviewer, reviewTaskId));

    // then it shows the product's view, not the stored one
    assertThat(review.get("title").asText()).contains(submission.requestNo()).doesNotContain("伪造");

    // and no personal data ever reached the engine's variables or their history
    List<String> stored = jdbc.queryForList("SELECT COALESCE(TEXT_, '') || COALESCE(TEXT2_, '') FROM ACT_RU_VARIABLE "
        + "UNION ALL SELECT COALESCE(TEXT_, '') || COALESCE(TEXT2_, '') FROM ACT_HI_VARINST "
        + "UNION ALL SELECT COALESCE(TEXT_, '') || COALESCE(TEXT2_, '') FROM ACT_HI_DETAIL", String.class);
    assertThat(stored).noneMatch(v -> v.contains(zhang.phone()) || v.contains(zhang.idNumber()) || v.contains("张三"));
    List<byte[]> values = jdbc.queryForList("SELECT BYTES_ FROM ACT_GE_BYTEARRAY WHERE DEPLOYMENT_ID_ IS NULL"
        + " AND BYTES_ IS NOT NULL", byte[].class);
    assertThat(values).map(v -> new String(v, StandardCharsets.UTF_8))
        .noneMatch(v -> v.contains(zhang.idNumber()) || v.contains(zhang.phone()));
  }
}
