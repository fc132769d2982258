package cn.beian.verify.security;

import static cn.beian.verify.security.SecurityTestProcesses.reviewTask;
import static cn.beian.verify.security.SecurityTestProcesses.startFiling;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.SharedHttpContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@SharedHttpContext
class EngineRestSecurityTest {

  @Autowired ProcessEngine engine;
  @LocalServerPort int port;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  Task gansuReview;
  Task zhejiangReview;

  @BeforeEach
  void startOneFilingPerProvince() {
    SecurityTestProcesses.deploy(engine);
    gansuReview = reviewTask(engine, startFiling(engine, "CN-GS"));
    zhejiangReview = reviewTask(engine, startFiling(engine, "CN-ZJ"));
  }

  @Test
  void shouldChallengeACallWithoutCredentials() throws Exception {
    HttpResponse<String> response = send(get("/engine-rest/task").build());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
  }

  @Test
  void shouldRefuseAWrongPassword() throws Exception {
    try {
      assertThat(send(as("reviewer-gs", "wrong", get("/engine-rest/task"))).statusCode()).isEqualTo(401);
    } finally {
      // a failed login locks the user for a few seconds (engine login throttling): lift it for the other tests
      engine.getIdentityService().unlockUser("reviewer-gs");
    }
  }

  @Test
  void shouldShowAReviewerOnlyTheTasksOfTheirProvince() throws Exception {
    assertThat(tasksSeenBy("reviewer-gs")).contains(gansuReview.getId()).doesNotContain(zhejiangReview.getId());
    assertThat(tenantsOfTasksSeenBy("reviewer-gs")).containsOnly("CN-GS");
    assertThat(tasksSeenBy("reviewer-zj")).contains(zhejiangReview.getId()).doesNotContain(gansuReview.getId());
    assertThat(tenantsOfTasksSeenBy("reviewer-zj")).containsOnly("CN-ZJ");
  }

  @Test
  void shouldShowTheAdministratorEveryProvince() throws Exception {
    assertThat(tasksSeenBy("demo")).contains(gansuReview.getId(), zhejiangReview.getId());
  }

  @Test
  void shouldRefuseToCompleteTheTaskOfAnotherProvince() throws Exception {
    // when
    HttpResponse<String> response = send(as("reviewer-gs", "reviewer-gs", post("/engine-rest/task/" + zhejiangReview.getId() + "/complete",
        "{\"variables\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}}")));
    // then: as if the task did not exist (its existence does not leak), never the engine's 500, and it stays open
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).doesNotContain("ENGINE-", "tenant");
    assertThat(engine.getTaskService().createTaskQuery().taskId(zhejiangReview.getId()).count()).isOne();
  }

  @Test
  void shouldNotFindTheTaskOfAnotherProvince() throws Exception {
    assertThat(send(as("reviewer-gs", "reviewer-gs", get("/engine-rest/task/" + zhejiangReview.getId()))).statusCode()).isEqualTo(404);
    assertThat(send(as("reviewer-zj", "reviewer-zj", get("/engine-rest/task/" + zhejiangReview.getId()))).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldLetAReviewerCompleteTheTaskOfTheirProvince() throws Exception {
    HttpResponse<String> response = send(as("reviewer-gs", "reviewer-gs", post("/engine-rest/task/" + gansuReview.getId() + "/complete",
        "{\"variables\":{\"approved\":{\"value\":true,\"type\":\"Boolean\"},\"reviewComment\":{\"value\":\"材料齐全\",\"type\":\"String\"}}}")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(gansuReview.getId()).count()).isZero();
  }

  private List<String> tasksSeenBy(String user) throws Exception {
    return field(tasksAs(user), "id");
  }

  private List<String> tenantsOfTasksSeenBy(String user) throws Exception {
    return field(tasksAs(user), "tenantId");
  }

  private JsonNode tasksAs(String user) throws Exception {
    HttpResponse<String> response = send(as(user, user, get("/engine-rest/task?maxResults=1000")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static List<String> field(JsonNode array, String name) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.path(name).asText(null)));
    return values;
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
  }

  private HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  private static HttpRequest as(String user, String password, HttpRequest.Builder request) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return request.header("Authorization", "Basic " + credentials).build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
