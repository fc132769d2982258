package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.verification.Verifier;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every engine REST endpoint that writes variables or moves a process, called by the desk and by a reviewer, under
 * {@code /engine-rest} and under the webapps' {@code /camunda/api/engine}: each on an object the caller can see
 * (its own task, its own province's instance) and refused, with nothing changed. Objects the caller cannot see answer
 * 404 as if they did not exist.
 */
@SharedHttpContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VariableEndpointsTest extends StaffRestSupport {

  /** what the caller acts on: a task it works, the process instance and execution behind it */
  record Target(String task, String instance, String execution, String filingId) {}

  /** one endpoint: method, path with {task}, {instance}, {execution}, {filing} placeholders, body, multipart? */
  record Endpoint(String method, String path, String body, boolean multipart) {
    static Endpoint json(String method, String path, String body) {
      return new Endpoint(method, path, body, false);
    }

    static Endpoint data(String path) {
      return new Endpoint("POST", path, null, true);
    }

    String path(Target target) {
      return path.replace("{task}", target.task()).replace("{instance}", target.instance())
          .replace("{execution}", target.execution()).replace("{filing}", target.filingId());
    }

    String body(Target target) {
      return body == null ? null : body.replace("{instance}", target.instance()).replace("{filing}", target.filingId());
    }

    boolean onInstance() {
      return path.contains("{instance}") || path.contains("{execution}");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final String VALUE = "{\"value\":\"CN-ZJ\",\"type\":\"String\"}";
  private static final String VARIABLES = "{\"province\":" + VALUE + ",\"filingId\":" + VALUE + "}";

  static List<Endpoint> endpoints() {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String scope : List.of("variables", "localVariables")) {
      endpoints.add(Endpoint.json("PUT", "/task/{task}/" + scope + "/province", VALUE));
      endpoints.add(Endpoint.json("POST", "/task/{task}/" + scope,
          "{\"modifications\":" + VARIABLES + ",\"deletions\":[\"filingId\"]}"));
      endpoints.add(Endpoint.json("DELETE", "/task/{task}/" + scope + "/filingId", null));
      endpoints.add(Endpoint.data("/task/{task}/" + scope + "/province/data"));
    }
    endpoints.add(Endpoint.json("POST", "/task/{task}/bpmnError",
        "{\"errorCode\":\"Err_VerificationFailed\",\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/task/{task}/bpmnEscalation",
        "{\"escalationCode\":\"anything\",\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("PUT", "/process-instance/{instance}/variables/province", VALUE));
    endpoints.add(Endpoint.json("POST", "/process-instance/{instance}/variables",
        "{\"modifications\":" + VARIABLES + ",\"deletions\":[\"quorum\"]}"));
    endpoints.add(Endpoint.json("DELETE", "/process-instance/{instance}/variables/filingId", null));
    endpoints.add(Endpoint.data("/process-instance/{instance}/variables/province/data"));
    endpoints.add(Endpoint.json("POST", "/process-instance/{instance}/modification",
        "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"ServiceTask_ApprovePhoneChange\"}]}"));
    endpoints.add(Endpoint.json("POST", "/process-instance/{instance}/modification-async",
        "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"ServiceTask_ApprovePhoneChange\"}]}"));
    endpoints.add(Endpoint.json("POST", "/process-instance/variables-async",
        "{\"processInstanceIds\":[\"{instance}\"],\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/process-instance/message-async",
        "{\"messageName\":\"Msg_FilingWithdrawn\",\"processInstanceIds\":[\"{instance}\"],\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("PUT", "/execution/{execution}/localVariables/province", VALUE));
    endpoints.add(Endpoint.json("POST", "/execution/{execution}/localVariables", "{\"modifications\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("DELETE", "/execution/{execution}/localVariables/filingId", null));
    endpoints.add(Endpoint.data("/execution/{execution}/localVariables/province/data"));
    endpoints.add(Endpoint.json("POST", "/execution/{execution}/signal", "{\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/execution/{execution}/messageSubscriptions/Msg_ResendRequested/trigger",
        "{\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/message",
        "{\"messageName\":\"Msg_FilingWithdrawn\",\"businessKey\":\"{filing}\",\"processVariables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/signal", "{\"name\":\"Sig_Anything\",\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/condition", "{\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/migration/execute",
        "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\"x\",\"targetProcessDefinitionId\":\"y\",\"instructions\":[]},"
            + "\"processInstanceIds\":[\"{instance}\"]}"));
    endpoints.add(Endpoint.json("POST", "/migration/executeAsync",
        "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\"x\",\"targetProcessDefinitionId\":\"y\",\"instructions\":[]},"
            + "\"processInstanceIds\":[\"{instance}\"]}"));
    endpoints.add(Endpoint.json("POST", "/external-task/fetchAndLock",
        "{\"workerId\":\"w\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"t\",\"lockDuration\":1000}]}"));
    endpoints.add(Endpoint.json("POST", "/external-task/{task}/complete", "{\"workerId\":\"w\",\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/process-definition/key/FilingProcess/start",
        "{\"businessKey\":\"{filing}\",\"variables\":{\"filingId\":{\"value\":\"{filing}\"},\"province\":" + VALUE + "}}"));
    endpoints.add(Endpoint.json("POST", "/process-definition/key/FilingProcess/submit-form", "{\"variables\":" + VARIABLES + "}"));
    endpoints.add(Endpoint.json("POST", "/process-definition/key/FilingProcess/restart-async",
        "{\"processInstanceIds\":[\"{instance}\"],\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"ServiceTask_ApprovePhoneChange\"}]}"));
    return endpoints;
  }

  private final Map<String, Target> targets = new TreeMap<>();
  private TestFiling waiting;

  @BeforeAll
  void targets() {
    // the reviewer's own Gansu review task, and the desk's verifier task of a Zhejiang request
    TestFiling gansu = underReview("CN-GS");
    Task review = reviewTask(gansu.id());
    targets.put("reviewer-gs", new Target(review.getId(), review.getProcessInstanceId(), review.getExecutionId(), gansu.id()));
    TestFiling zhejiang = verifying("CN-ZJ");
    Verifier verifier = verifierOf(zhejiang, zhejiang.zhang());
    Task verify = engine.getTaskService().createTaskQuery().taskId(verifier.taskId()).singleResult();
    targets.put("desk", new Target(verify.getId(), verify.getProcessInstanceId(), verify.getExecutionId(), zhejiang.id()));
    // a Gansu request whose verification window is open: its timers
    waiting = verifying("CN-GS");
  }

  static Stream<Arguments> usersAndSurfaces() {
    return Stream.of("desk", "reviewer-gs").flatMap(user -> Stream.of("rest", "webapp").map(s -> Arguments.of(user, s)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("usersAndSurfaces")
  void shouldRefuseStaffFiringOrMovingTimers(String user, String surface) {
    // given the timer that closes the verification window (fired, it would return the request as expired)
    Job window = engine.getManagementService().createJobQuery().processInstanceId(verificationInstance(waiting.id()))
        .timers().activityId("BoundaryEvent_VerificationWindowClosed").singleResult();
    String before = jobs(waiting.id());
    List<String[]> calls = List.of(
        new String[] {"POST", "/job/" + window.getId() + "/execute", null},
        new String[] {"PUT", "/job/" + window.getId() + "/duedate", "{\"duedate\":\"2020-01-01T00:00:00.000+0000\"}"},
        new String[] {"POST", "/job/" + window.getId() + "/duedate/recalculate", null},
        new String[] {"PUT", "/job/" + window.getId() + "/retries", "{\"retries\":0}"},
        new String[] {"PUT", "/job/" + window.getId() + "/suspended", "{\"suspended\":true}"},
        new String[] {"PUT", "/job/" + window.getId() + "/priority", "{\"priority\":1}"},
        new String[] {"DELETE", "/job/" + window.getId(), null},
        new String[] {"PUT", "/job-definition/" + window.getJobDefinitionId() + "/suspended", "{\"suspended\":true}"},
        new String[] {"PUT", "/job-definition/" + window.getJobDefinitionId() + "/retries", "{\"retries\":0}"},
        new String[] {"POST", "/job/retries", "{\"jobIds\":[\"" + window.getId() + "\"],\"retries\":0}"});
    for (String[] call : calls) {
      // when
      Response response = call(surface, user, call[0], call[1], call[2]);
      // then
      assertRefusal(response, 403);
    }
    assertThat(jobs(waiting.id())).isEqualTo(before);
    assertThat(filings.get(waiting.id()).status()).isEqualTo(cn.beian.verify.filing.FilingStatus.VERIFYING);
  }

  private String verificationInstance(String filingId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId)
        .processDefinitionKey("SmsVerificationProcess").singleResult().getId();
  }

  /** every job of the request with its due date, retries, suspension and priority */
  private String jobs(String filingId) {
    return engine.getManagementService().createJobQuery().processInstanceId(verificationInstance(filingId)).list()
        .stream().map(j -> j.getId() + "@" + j.getDuedate() + "/" + j.getRetries() + "/" + j.isSuspended() + "/"
            + j.getPriority()).sorted().toList().toString();
  }

  static Stream<Arguments> calls() {
    return Stream.of("desk", "reviewer-gs").flatMap(user -> Stream.of("rest", "webapp")
        .flatMap(surface -> endpoints().stream().map(endpoint -> Arguments.of(user, surface, endpoint))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("calls")
  void shouldRefuseEveryWriteOfVariablesOrRoutingByStaff(String user, String surface, Endpoint endpoint) {
    // given
    Target target = targets.get(user);
    String before = state(target);

    // when
    Response response = endpoint.multipart()
        ? multipart(surface, user, endpoint.path(target))
        : call(surface, user, endpoint.method(), endpoint.path(target), endpoint.body(target));

    // then refused: the desk does not see the (called) verification instance at all, everything else is forbidden
    boolean hidden = "desk".equals(user) && endpoint.onInstance();
    assertRefusal(response, hidden ? 404 : 403);
    assertThat(state(target)).isEqualTo(before);
  }

  /** the request, its process instances, their variables, open tasks and where they wait */
  private String state(Target target) {
    StringBuilder state = new StringBuilder(filings.get(target.filingId()).toString());
    for (ProcessInstance instance : engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(target.filingId()).list()) {
      state.append('\n').append(instance.getId()).append(' ')
          .append(new TreeMap<>(engine.getRuntimeService().getVariables(instance.getId())))
          .append(' ').append(engine.getRuntimeService().getActiveActivityIds(instance.getId()));
    }
    state.append('\n').append(new TreeMap<>(engine.getTaskService().getVariablesLocal(target.task())));
    state.append('\n').append(engine.getRuntimeService().getVariablesLocal(target.execution()));
    state.append('\n').append(verifiers.ofFiling(target.filingId()).stream().map(v -> v.status() + "/" + v.failedAttempts()).toList());
    state.append('\n').append(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(target.filingId()).count());
    state.append('\n').append(engine.getManagementService().createBatchQuery().count());
    return state.toString();
  }

  /** a binary variable upload, as Cockpit sends it */
  private Response multipart(String surface, String user, String path) {
    String boundary = "----beian" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"x.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\nCN-ZJ\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"valueType\"\r\n\r\nBytes\r\n"
        + "--" + boundary + "--\r\n";
    String contentType = "multipart/form-data; boundary=" + boundary;
    if ("webapp".equals(surface)) {
      return parsed(session(user).raw("POST", "/camunda/api/engine/engine/default" + path, contentType,
          body.getBytes(StandardCharsets.UTF_8)));
    }
    HttpRequest request = request("/engine-rest" + path, Map.of("Content-Type", contentType, "Accept", "application/json",
        "Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.UTF_8))).build();
    return send(request);
  }
}
