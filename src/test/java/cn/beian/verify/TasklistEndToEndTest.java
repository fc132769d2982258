package cn.beian.verify;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.SensitiveVariables;
import cn.beian.verify.process.identity.IdentitySetup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A filing from the Tasklist start form to the bureau's approval, through the engine REST calls Tasklist makes,
 * as the demo users: the desk verifies both persons, a reviewer of another province is refused, Gansu approves.
 */
@SharedHttpContext
class TasklistEndToEndTest extends HttpTestSupport {
  @Autowired FilingRepository filings;

  @Test
  void shouldTakeAFilingFromTheStartFormToApprovalAsTheDemoUsers() throws Exception {
    // given the start form filled in by the administrator in Tasklist
    Person zhang = TestData.person("张三");
    Person li = TestData.person("李四");
    ObjectNode form = json.createObjectNode();
    Map.ofEntries(Map.entry("requestNo", TestData.requestNo()), Map.entry("province", "CN-GS"),
            Map.entry("filingType", "NEW_FILING"), Map.entry("serviceType", "WEBSITE"),
            Map.entry("entityName", "兰州示例科技有限公司"), Map.entry("entityPrincipalName", zhang.name()),
            Map.entry("entityPrincipalPhone", zhang.phone()), Map.entry("entityPrincipalIdType", "RESIDENT_ID"),
            Map.entry("entityPrincipalIdNumber", zhang.idNumber()), Map.entry("websiteDomain", "example.cn"),
            Map.entry("websitePrincipalName", li.name()), Map.entry("websitePrincipalPhone", li.phone()),
            Map.entry("websitePrincipalIdType", "RESIDENT_ID"), Map.entry("websitePrincipalIdNumber", li.idNumber()))
        .forEach((name, value) -> form.putObject(name).put("value", value).put("type", "String"));

    // when it is submitted
    HttpResponse<String> started = call("demo", "POST",
        "/engine-rest/process-definition/key/" + FilingProcess.KEY + "/submit-form", "{\"variables\":" + form + "}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String filingId = json.readTree(started.body()).get("businessKey").asText();
    runJobs(filingId);

    // then both persons got a code, and the desk finds their two tasks through its Tasklist filter
    assertThat(filings.get(filingId).status()).isEqualTo(FilingStatus.VERIFYING);
    List<JsonNode> deskTasks = filterList("desk", IdentitySetup.VERIFY_FILTER, filingId);
    assertThat(deskTasks).hasSize(2);

    // when the desk submits a wrong ID suffix: refused with the message of docs/rules.md §5, the task stays
    String zhangTask = taskFor(deskTasks, "张*");
    HttpResponse<String> wrong = submitVerifierForm("desk", zhangTask, latestCode(zhang.phone()), zhang.phone(), "000000");
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(json.readTree(wrong.body()).get("message").asText()).startsWith("张*的短信核验失败,请输入正确的信息。")
        .doesNotContain("ENGINE-");

    // when the desk submits the right data for both
    assertThat(submitVerifierForm("desk", zhangTask, latestCode(zhang.phone()), zhang.phone(), TestData.last6(zhang))
        .statusCode()).isEqualTo(204);
    assertThat(submitVerifierForm("desk", taskFor(deskTasks, "李*"), latestCode(li.phone()), li.phone(), TestData.last6(li))
        .statusCode()).isEqualTo(204);
    runJobs(filingId);

    // then the request is under review in Gansu: Zhejiang's reviewer neither sees nor completes it
    assertThat(filings.get(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
    assertThat(filterList("reviewer-zj", IdentitySetup.reviewFilter("CN-ZJ"), filingId)).isEmpty();
    List<JsonNode> gansu = filterList("reviewer-gs", IdentitySetup.reviewFilter("CN-GS"), filingId);
    assertThat(gansu).hasSize(1);
    String reviewTask = gansu.get(0).get("id").asText();
    assertThat(call("reviewer-zj", "GET", "/engine-rest/task/" + reviewTask, null).statusCode()).isEqualTo(404);
    HttpResponse<String> foreign = submitReviewForm("reviewer-zj", reviewTask, true, "越权");
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(engine.getTaskService().createTaskQuery().taskId(reviewTask).count()).isEqualTo(1);

    // when Gansu's reviewer opens the form in Tasklist (the request and the trail, read from the product for her)
    // and approves
    JsonNode formVariables = json.readTree(WebappSession.login(port, "reviewer-gs", "tasklist")
        .get("/camunda/api/engine/engine/default/task/" + reviewTask + "/form-variables").body());
    assertThat(formVariables.get("review").get("value").asText()).contains("张三", "李四", "已核验", zhang.phone());
    // the engine REST API's form data hold neither the trail nor any personal data
    assertThat(call("reviewer-gs", "GET", "/engine-rest/task/" + reviewTask + "/form-variables", null).body())
        .doesNotContain("\"review\"", "张", "李", zhang.phone(), li.idNumber());
    assertThat(submitReviewForm("reviewer-gs", reviewTask, true, "材料齐全").statusCode()).isEqualTo(204);

    // then the filing is approved, and nothing typed into the forms reached history
    assertThat(filings.get(filingId).status()).isEqualTo(FilingStatus.APPROVED);
    assertThat(filings.get(filingId).reviewedBy()).isEqualTo("reviewer-gs");
    List<String> historyNames = jdbc.queryForList(
        "SELECT NAME_ FROM ACT_HI_VARINST UNION SELECT NAME_ FROM ACT_HI_DETAIL WHERE NAME_ IS NOT NULL", String.class);
    assertThat(historyNames).contains(FilingProcess.Vars.FILING_ID, FilingProcess.Vars.APPROVED)
        .noneMatch(SensitiveVariables::isSensitive);
  }

  private HttpResponse<String> submitVerifierForm(String user, String taskId, String code, String phone, String idLast6)
      throws Exception {
    return call(user, "POST", "/engine-rest/task/" + taskId + "/submit-form", "{\"variables\":{"
        + "\"smsCode\":{\"value\":\"" + code + "\",\"type\":\"String\"},"
        + "\"phone\":{\"value\":\"" + phone + "\",\"type\":\"String\"},"
        + "\"idLast6\":{\"value\":\"" + idLast6 + "\",\"type\":\"String\"}}}");
  }

  private HttpResponse<String> submitReviewForm(String user, String taskId, boolean approved, String comment) throws Exception {
    return call(user, "POST", "/engine-rest/task/" + taskId + "/submit-form", "{\"variables\":{"
        + "\"approved\":{\"value\":" + approved + ",\"type\":\"Boolean\"},"
        + "\"reviewComment\":{\"value\":\"" + comment + "\",\"type\":\"String\"}}}");
  }

  /** the tasks of one filing that a user's Tasklist filter lists (the filter lists other tests' tasks too) */
  private List<JsonNode> filterList(String user, String filterName, String filingId) throws Exception {
    JsonNode filters = json.readTree(call(user, "GET", "/engine-rest/filter?resourceType=Task&firstResult=0&maxResults=2000", null).body());
    String filterId = null;
    for (JsonNode filter : filters) {
      if (filterName.equals(filter.get("name").asText())) {
        filterId = filter.get("id").asText();
      }
    }
    assertThat(filterId).as("%s sees filter %s", user, filterName).isNotNull();
    List<String> instances = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId)
        .list().stream().map(pi -> pi.getId()).toList();
    List<JsonNode> tasks = new ArrayList<>();
    for (JsonNode task : json.readTree(call(user, "POST", "/engine-rest/filter/" + filterId + "/list?maxResults=1000", "{}").body())) {
      if (instances.contains(task.get("processInstanceId").asText())) {
        tasks.add(task);
      }
    }
    return tasks;
  }

  private static String taskFor(List<JsonNode> tasks, String maskedName) {
    return tasks.stream().filter(t -> t.get("name").asText().contains(maskedName)).findFirst().orElseThrow()
        .get("id").asText();
  }

  private HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
