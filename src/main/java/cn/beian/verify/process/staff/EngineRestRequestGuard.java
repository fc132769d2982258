package cn.beian.verify.process.staff;

import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.InputProblem;
import cn.beian.verify.process.RefusalException;
import cn.beian.verify.process.StaffTexts;
import cn.beian.verify.process.TaskOutputs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * The HTTP edge of the engine REST API, under {@code /engine-rest} and the webapps' {@code /camunda/api/engine}: it
 * answers what the engine would refuse anyway, before a command runs, with a clean problem document (400, 403, 404).
 * The engine guards (EngineCommandGuard) and authorizations hold the same lines for any path this does not know. It
 * runs before Jersey matches the path: Camunda's resource locators already query (as the user) while matching.
 *
 * <ol>
 *   <li>no expression in a task query or filter: no query parameter and no JSON member named {@code …Expression},
 *       or-queries included (400);</li>
 *   <li>for a user who is not an administrator, a task, process instance or execution the user cannot see does not
 *       exist (404), whatever the operation: its existence does not leak, and the engine's tenant check never answers
 *       500;</li>
 *   <li>nobody but an administrator writes variables or steers a process: the variable endpoints of tasks, instances
 *       and executions (incl. binary {@code data} and modifications), task BPMN errors and escalations, messages,
 *       signals, conditions, starts, restarts, modification, migration, external tasks, jobs and timers (executing,
 *       re-dating, retries, suspension), incidents, and filter changes (403);</li>
 *   <li>completing a task, submitting its form or resolving it names only that task's declared outputs (400, each
 *       field named by its label); the engine checks their types and sizes.</li>
 * </ol>
 */
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public final class EngineRestRequestGuard implements ContainerRequestFilter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPRESSION_SUFFIX = "expression";
  /** a JSON body this guard reads; larger ones are refused (form submissions and queries are a few KiB) */
  static final int MAX_BODY_BYTES = 1 << 20;

  private static final Set<String> TASK_COLLECTION = Set.of("count", "create", "report");
  private static final Set<String> INSTANCE_COLLECTION = Set.of("count", "suspended", "suspended-async", "delete",
      "delete-historic-query-based", "job-retries", "job-retries-historic-query-based", "variables-async",
      "message-async");
  private static final Set<String> COMPLETIONS = Set.of("complete", "submit-form", "resolve");
  private static final Set<String> STARTS = Set.of("start", "submit-form", "restart", "restart-async");

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (declaresAnUnknownCharset(request)) {
      // Jersey would fail reading such a body (UnsupportedCharsetException) and answer 500, the login form included
      refuse(request, 415, StaffTexts.text("body.charset"));
      return;
    }
    try {
      guard(request);
    } catch (BodyTooLarge e) {
      refuse(request, 413, StaffTexts.text("body.tooLarge", MAX_BODY_BYTES / 1024));
    }
  }

  private void guard(ContainerRequestContext request) throws IOException {
    Call call = Call.of(request);
    if (call == null) {
      return;
    }
    Optional<String> parameter = request.getUriInfo().getQueryParameters(true).keySet().stream()
        .filter(EngineRestRequestGuard::isExpression).findFirst();
    if (parameter.isPresent()) {
      refuse(request, 400, StaffTexts.text("query.expression", parameter.get()));
      return;
    }
    if (call.takesQuery()) {
      Optional<String> member = firstExpression(body(request));
      if (member.isPresent()) {
        refuse(request, 400, StaffTexts.text("query.expression", member.get()));
        return;
      }
    }
    Authentication user = call.engine().getIdentityService().getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      return; // not logged in: the authentication filters answer 401
    }
    boolean admin = isAdmin(call.engine(), user);
    Task task = null;
    if (!admin) {
      if (call.is(0, "task") && call.size() > 1 && !TASK_COLLECTION.contains(call.at(1))) {
        task = call.engine().getTaskService().createTaskQuery().taskId(call.at(1)).singleResult();
        if (task == null) {
          refuse(request, 404, StaffTexts.text("notFound.task"));
          return;
        }
      } else if (call.is(0, "process-instance") && call.size() > 1 && !INSTANCE_COLLECTION.contains(call.at(1))
          && call.engine().getRuntimeService().createProcessInstanceQuery().processInstanceId(call.at(1)).count() == 0) {
        refuse(request, 404, StaffTexts.text("notFound.processInstance"));
        return;
      } else if (call.is(0, "execution") && call.size() > 1 && !"count".equals(call.at(1))
          && call.engine().getRuntimeService().createExecutionQuery().executionId(call.at(1)).count() == 0) {
        refuse(request, 404, StaffTexts.text("notFound.execution"));
        return;
      }
      if (call.changesFilter()) {
        refuse(request, 403, StaffTexts.text("filter.forbidden"));
        return;
      }
      if (call.steersProcess()) {
        refuse(request, 403, StaffTexts.text("write.forbidden"));
        return;
      }
    }
    if (call.completesTask()) {
      if (task == null) {
        task = call.engine().getTaskService().createTaskQuery().taskId(call.at(1)).singleResult();
      }
      if (task != null) {
        refuseProblems(request, TaskOutputs.checkNames(task.getTaskDefinitionKey(), variableNames(body(request))));
      }
    } else if (call.submitsStartForm() && startsFiling(call)) {
      refuseProblems(request, TaskOutputs.checkNames(FilingProcess.Elements.FILING_SUBMITTED,
          variableNames(body(request))));
    }
  }

  private static boolean declaresAnUnknownCharset(ContainerRequestContext request) {
    MediaType type = request.getMediaType();
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset == null) {
      return false;
    }
    try {
      return !Charset.isSupported(charset);
    } catch (IllegalCharsetNameException illegal) {
      return true;
    }
  }

  private static boolean isExpression(String name) {
    return name != null && name.toLowerCase(Locale.ROOT).endsWith(EXPRESSION_SUFFIX);
  }

  /** the engine's own notion of an administrator (adminGroups, adminUsers: camunda-admin by default) */
  private static boolean isAdmin(ProcessEngine engine, Authentication user) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    return (configuration.getAdminUsers() != null && configuration.getAdminUsers().contains(user.getUserId()))
        || (configuration.getAdminGroups() != null && groups.stream().anyMatch(configuration.getAdminGroups()::contains));
  }

  private static boolean startsFiling(Call call) {
    String key;
    if (call.is(1, "key") && call.size() > 2) {
      key = call.at(2);
    } else {
      ProcessDefinition definition = call.engine().getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionId(call.at(1)).singleResult();
      key = definition == null ? null : definition.getKey();
    }
    return FilingProcess.KEY.equals(key);
  }

  private static void refuseProblems(ContainerRequestContext request, List<InputProblem> problems) {
    if (!problems.isEmpty()) {
      request.abortWith(EngineRestProblems.response(RefusalException.badInput(problems)));
    }
  }

  private static void refuse(ContainerRequestContext request, int status, String detail) {
    request.abortWith(EngineRestProblems.response(status, detail));
  }

  /** the JSON body, read once and put back for Camunda; null when there is none or it is not JSON */
  private static JsonNode body(ContainerRequestContext request) throws IOException {
    Object cached = request.getProperty(EngineRestRequestGuard.class.getName());
    if (cached != null) {
      return cached instanceof JsonNode node ? node : null;
    }
    JsonNode node = null;
    MediaType type = request.getMediaType();
    if (request.hasEntity() && (type == null || type.isCompatible(MediaType.APPLICATION_JSON_TYPE))) {
      byte[] bytes;
      try (InputStream in = request.getEntityStream()) {
        bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      }
      request.setEntityStream(new ByteArrayInputStream(bytes));
      if (bytes.length > MAX_BODY_BYTES) {
        throw new BodyTooLarge();
      }
      try {
        node = JSON.readTree(bytes);
      } catch (IOException notJson) {
        node = null; // Camunda answers malformed JSON itself
      }
    }
    request.setProperty(EngineRestRequestGuard.class.getName(), node == null ? Boolean.FALSE : node);
    return node;
  }

  /** a member named …Expression anywhere in a task query or filter (or-queries are nested objects) */
  private static Optional<String> firstExpression(JsonNode node) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (isExpression(field.getKey())) {
          return Optional.of(field.getKey());
        }
        Optional<String> nested = firstExpression(field.getValue());
        if (nested.isPresent()) {
          return nested;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        Optional<String> nested = firstExpression(element);
        if (nested.isPresent()) {
          return nested;
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> variableNames(JsonNode body) {
    List<String> names = new ArrayList<>();
    JsonNode variables = body == null ? null : body.get("variables");
    if (variables != null && variables.isObject()) {
      variables.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge() {
      super(null, null, false, false);
    }
  }

  /**
   * The engine a REST call addresses, as Camunda's REST resources find it, but with the provider looked up once:
   * {@link EngineUtil#lookupProcessEngine} runs a {@link ServiceLoader} (a scan of every jar) on each call, about 1 %
   * of a lifecycle's CPU (docs/benchmarks.md). The provider is stateless (it asks the engine registry each time).
   */
  static final class Engines {
    private static volatile ProcessEngineProvider provider;

    private Engines() {
    }

    static ProcessEngine lookUp(String name) {
      ProcessEngineProvider found = provider;
      if (found == null) {
        Iterator<ProcessEngineProvider> providers = ServiceLoader.load(ProcessEngineProvider.class).iterator();
        if (!providers.hasNext()) {
          return EngineUtil.lookupProcessEngine(name);
        }
        found = providers.next();
        provider = found;
      }
      return name == null ? found.getDefaultProcessEngine() : found.getProcessEngine(name);
    }
  }

  /** an engine REST call: its engine, method and path below the engine ({@code engine/{name}/} removed) */
  record Call(ProcessEngine engine, String method, List<String> path) {
    private static final String REST_BASE = EngineRestSecurity.REST_PATH + "/";
    private static final String WEBAPP_BASE = "/api/engine/";

    /** null when the request is for another Jersey application (Cockpit's, Admin's…) or no known engine */
    static Call of(ContainerRequestContext request) {
      String base = request.getUriInfo().getBaseUri().getPath();
      List<String> path = new ArrayList<>();
      for (PathSegment segment : request.getUriInfo().getPathSegments(true)) {
        if (!segment.getPath().isEmpty()) {
          path.add(segment.getPath());
        }
      }
      String engineName = null;
      boolean named = path.size() >= 2 && "engine".equals(path.get(0));
      if (base.endsWith(WEBAPP_BASE)) {
        if (!named) {
          return null;
        }
      } else if (!base.endsWith(REST_BASE)) {
        return null;
      }
      if (named) {
        engineName = path.get(1);
        path = path.subList(2, path.size());
      }
      ProcessEngine engine = Engines.lookUp(engineName);
      return engine == null ? null : new Call(engine, request.getMethod(), List.copyOf(path));
    }

    int size() {
      return path.size();
    }

    String at(int index) {
      return index < path.size() ? path.get(index) : "";
    }

    boolean is(int index, String segment) {
      return segment.equals(at(index));
    }

    boolean reads() {
      return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /** task queries (and their counts) and filters take query members that may hold expressions */
    boolean takesQuery() {
      return !reads() && ((is(0, "task") && (size() == 1 || (size() == 2 && is(1, "count")))) || is(0, "filter"));
    }

    boolean changesFilter() {
      return is(0, "filter") && (("POST".equals(method) && is(1, "create"))
          || (size() == 2 && ("PUT".equals(method) || "DELETE".equals(method))));
    }

    boolean completesTask() {
      return "POST".equals(method) && is(0, "task") && size() == 3 && COMPLETIONS.contains(at(2));
    }

    boolean submitsStartForm() {
      return "POST".equals(method) && is(0, "process-definition") && "submit-form".equals(at(size() - 1));
    }

    /** every endpoint that writes variables or moves a process other than by completing a task */
    boolean steersProcess() {
      if (reads()) {
        return false;
      }
      return switch (at(0)) {
        case "task" -> is(2, "variables") || is(2, "localVariables") || is(2, "bpmnError") || is(2, "bpmnEscalation");
        case "process-instance" -> is(1, "variables-async") || is(1, "message-async") || is(2, "variables")
            || is(2, "modification") || is(2, "modification-async");
        case "execution" -> is(2, "localVariables") || is(2, "signal") || is(2, "messageSubscriptions");
        case "message", "signal", "condition", "migration" -> true;
        case "external-task", "job", "job-definition" -> !(size() == 1 || (size() == 2 && is(1, "count")));
        case "incident" -> true;
        case "process-definition" -> STARTS.contains(at(size() - 1));
        default -> false;
      };
    }
  }
}
