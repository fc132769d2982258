package cn.beian.verify.security;

import static cn.beian.verify.security.SecurityTestProcesses.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.process.RefusalException;
import cn.beian.verify.process.identity.IdentitySetup;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 10, attack 1: an expression in a task query runs as JUEL with full access to the JVM. The payload runs
 * {@code touch <marker>} and waits for it, so had it run, the file would exist when the answer arrives. Every path
 * answers a 400 problem document and the file never appears.
 */
@SharedHttpContext
@ExtendWith(OutputCaptureExtension.class)
class QueryExpressionAttackTest extends StaffRestSupport {

  @TempDir Path directory;
  Path marker;

  @BeforeEach
  void marker() {
    marker = directory.resolve("pwned");
  }

  @AfterEach
  void logout() {
    engine.getIdentityService().clearAuthentication();
  }

  /** JUEL that creates the marker file (and waits until it exists) whenever something evaluates it */
  private String payload() {
    return "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null).exec(\"touch "
        + marker + "\").waitFor() == 0 ? \"a\" : \"b\"}";
  }

  private String orQueries(String member) throws IOException {
    ObjectNode query = json.createObjectNode();
    query.putArray("orQueries").addObject().put(member, payload());
    return json.writeValueAsString(query);
  }

  @Test
  void shouldRunThePayloadWhenTheEngineEvaluatesIt() {
    // given the payload evaluated as the engine's query code would, outside any guard: this proves the attack real
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    // when
    configuration.getCommandExecutorTxRequired().execute(context ->
        Context.getProcessEngineConfiguration().getExpressionManager().createExpression(payload()).getValue(null));
    // then
    assertThat(marker).exists();
  }

  @ParameterizedTest
  @ValueSource(strings = {"reviewer-gs", "desk", "demo"})
  void shouldRefuseAnExpressionInTheOrQueriesOfATaskQuery(String user, CapturedOutput output) throws IOException {
    int logFrom = output.getAll().length();
    // when the attack of issue 10 is replayed, by a reviewer, the desk and even the administrator
    Response response = rest(user, "POST", "/task", orQueries("candidateGroupExpression"));
    // then
    assertRefusal(response, 400);
    assertThat(response.body().get("message").asText()).contains("表达式");
    assertThat(marker).doesNotExist();
    assertNoErrorLogged(output, logFrom);
  }

  @Test
  void shouldRefuseAnExpressionInTheOrQueriesOfATaskCount() throws IOException {
    assertRefusal(rest("reviewer-gs", "POST", "/task/count", orQueries("assigneeExpression")), 400);
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldRefuseAnExpressionInOrQueriesNestedInOrQueries() throws IOException {
    ObjectNode query = json.createObjectNode();
    query.putArray("orQueries").addObject().put("taskDefinitionKey", "UserTask_ReviewFiling")
        .putArray("orQueries").addObject().put("dueDateExpression", payload());
    assertRefusal(rest("reviewer-gs", "POST", "/task", json.writeValueAsString(query)), 400);
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldRefuseAnExpressionOnTheNamedEnginePath() throws IOException {
    assertRefusal(rest("desk", "POST", "/engine/default/task", orQueries("candidateUserExpression")), 400);
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldRefuseAnExpressionInTheQueryParametersOfAGet() {
    String payload = URLEncoder.encode(payload(), StandardCharsets.UTF_8);
    assertRefusal(rest("reviewer-gs", "GET", "/task?candidateGroupExpression=" + payload, null), 400);
    assertRefusal(rest("reviewer-gs", "GET", "/task/count?assigneeExpression=" + payload, null), 400);
    assertRefusal(webapp("reviewer-gs", "GET", "/task?dueAfterExpression=" + payload, null), 400);
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldRefuseAnExpressionThroughTasklistsOwnApi() throws IOException {
    assertRefusal(webapp("reviewer-gs", "POST", "/task", orQueries("candidateGroupExpression")), 400);
    assertRefusal(webapp("desk", "POST", "/task/count", orQueries("followUpBeforeExpression")), 400);
    assertThat(marker).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "count", "singleResult"})
  void shouldRefuseAFilterExtendedByAnExpression(String operation) throws IOException {
    // given the reviewer's own Tasklist filter
    String filterId = filterId(IdentitySetup.reviewFilter("CN-GS"));
    // when it is executed with an extending query that hides the payload in an or-query
    Response overRest = rest("reviewer-gs", "POST", "/filter/" + filterId + "/" + operation, orQueries("candidateGroupExpression"));
    Response overTasklist = webapp("reviewer-gs", "POST", "/filter/" + filterId + "/" + operation, orQueries("ownerExpression"));
    // then
    assertRefusal(overRest, 400);
    assertRefusal(overTasklist, 400);
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldRefuseAFilterHoldingAnExpressionEvenFromTheAdministrator() throws IOException {
    // when the administrator creates a filter whose stored query hides the payload in an or-query
    ObjectNode filter = json.createObjectNode().put("resourceType", "Task").put("name", "pwned");
    filter.set("query", json.readTree(orQueries("candidateGroupExpression")));
    Response response = rest("demo", "POST", "/filter/create", json.writeValueAsString(filter));
    // then
    assertRefusal(response, 400);
    assertThat(engine.getFilterService().createFilterQuery().filterName("pwned").count()).isZero();
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldEvaluateNoOrQueryExpressionInTheEngineWhateverThePath() {
    // given a reviewer logged in to the engine directly (no HTTP edge in the way)
    login(engine.getIdentityService(), "reviewer-gs");
    TaskQuery adHoc = engine.getTaskService().createTaskQuery().or().taskCandidateGroupExpression(payload()).endOr();
    String filterId = filterId(IdentitySetup.reviewFilter("CN-GS"));
    TaskQuery extending = engine.getTaskService().createTaskQuery().or().taskAssigneeExpression(payload()).endOr();
    // when/then: the engine guard refuses the ad hoc query, its count, and the filter extended by it
    assertThatThrownBy(adHoc::list).isInstanceOf(RefusalException.class);
    assertThatThrownBy(adHoc::count).isInstanceOf(RefusalException.class);
    assertThatThrownBy(() -> engine.getFilterService().list(filterId, extending)).isInstanceOf(RefusalException.class);
    assertThatThrownBy(() -> engine.getFilterService().count(filterId, extending)).isInstanceOf(RefusalException.class);
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldStoreNoFilterWithAnExpressionWhoeverSavesIt() {
    // given an or-query with the payload, saved by the product's own code (no login at all)
    TaskQueryImpl query = (TaskQueryImpl) engine.getTaskService().createTaskQuery().or().taskOwnerExpression(payload()).endOr();
    Filter filter = engine.getFilterService().newTaskFilter("pwned-internally").setQuery(query);
    // when/then
    assertThatThrownBy(() -> engine.getFilterService().saveFilter(filter)).isInstanceOf(RefusalException.class);
    assertThat(engine.getFilterService().createFilterQuery().filterName("pwned-internally").count()).isZero();
    assertThat(marker).doesNotExist();
  }

  @Test
  void shouldKeepTheProductsOwnFiltersFreeOfExpressions() {
    // the stored queries the product ships would be refused too if they held one: they all execute
    for (Filter filter : engine.getFilterService().createFilterQuery().list()) {
      assertThat(engine.getFilterService().count(filter.getId())).as(filter.getName()).isNotNegative();
    }
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isEnableExpressionsInStoredQueries())
        .isFalse();
  }

  private String filterId(String name) {
    return engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
  }
}
