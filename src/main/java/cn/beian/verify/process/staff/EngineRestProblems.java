package cn.beian.verify.process.staff;

import cn.beian.verify.process.InputProblem;
import cn.beian.verify.process.RefusalException;
import cn.beian.verify.process.StaffTexts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals on the staff REST surfaces (engine REST and the webapps' API) as RFC 9457 problem documents that keep
 * Camunda's {@code type} and {@code message} beside {@code title}, {@code detail} and {@code status}: Tasklist shows
 * {@code message}, so it is plain Chinese. Camunda answers whatever a command throws with 500 once its REST resources
 * wrap it in a RestException; these mappers look through the cause chain instead, and claim only refusals: the
 * product's {@link RefusalException}, a missing permission (403), a foreign tenant's object (404, so existence does
 * not leak) and a Java-serialized variable value (400). Everything else stays with Camunda's own mappers. A refusal is logged at DEBUG, without a stack trace.
 */
public final class EngineRestProblems {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRestProblems.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROBLEM_JSON = "application/problem+json;charset=UTF-8";
  /** Camunda's exception type names, which its webapps know */
  static final String INVALID_REQUEST = "InvalidRequestException", AUTHORIZATION = "AuthorizationException";
  /** ahead of Camunda's mappers of the same exception types (USER = 5000) */
  static final int PRIORITY = 1000;

  private EngineRestProblems() {}

  /** the response to a refusal: status, Camunda type, Chinese text, fields at fault and extra members */
  static Response response(int status, String detail, List<InputProblem> problems, Map<String, Object> properties) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", status == 403 ? AUTHORIZATION : INVALID_REQUEST);
    body.put("title", StaffTexts.title(status));
    body.put("status", status);
    body.put("detail", detail);
    body.put("message", detail);
    if (!problems.isEmpty()) {
      body.put("errors", problems);
    }
    properties.forEach(body::putIfAbsent);
    try {
      return Response.status(status).type(PROBLEM_JSON).entity(JSON.writeValueAsString(body)).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem document is plain JSON", e);
    }
  }

  static Response response(RefusalException refusal) {
    return response(refusal.status(), refusal.detail(), refusal.problems(), refusal.properties());
  }

  static Response response(int status, String detail) {
    return response(status, detail, List.of(), Map.of());
  }

  /** the refusal somewhere in a failure's cause chain, as a response; null when the failure is no refusal */
  static Response refusal(Throwable failure) {
    Throwable authorization = null;
    Throwable tenant = null;
    Throwable javaSerialization = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RefusalException refusal) {
        LOG.debug("Refused ({}): {}", refusal.status(), refusal.detail());
        return response(refusal);
      }
      if (authorization == null && t instanceof AuthorizationException) {
        authorization = t;
      }
      if (tenant == null && CommandFailureLogging.isTenantRefusal(t)) {
        tenant = t;
      }
      if (javaSerialization == null && CommandFailureLogging.isJavaSerializationRefusal(t)) {
        javaSerialization = t;
      }
    }
    if (authorization != null) {
      LOG.debug("Refused (403): {}", authorization.getMessage());
      return response(403, StaffTexts.text("forbidden"));
    }
    if (tenant != null) {
      LOG.debug("Refused (404): {}", tenant.getMessage());
      return response(404, StaffTexts.text("notFound"));
    }
    if (javaSerialization != null) {
      LOG.debug("Refused (400): {}", javaSerialization.getMessage());
      return response(400, StaffTexts.text("javaSerialization"));
    }
    return null;
  }

  /** claims a failure only when it is a refusal, so every other failure stays with Camunda's mapper of its type */
  abstract static class RefusalMapper<E extends Throwable> implements ExtendedExceptionMapper<E> {
    @Override
    public boolean isMappable(E exception) {
      return refusal(exception) != null;
    }

    @Override
    public Response toResponse(E exception) {
      return refusal(exception);
    }
  }

  /** engine exceptions the REST resources let through (AuthorizationException, tenant checks, refusals) */
  @Priority(PRIORITY)
  public static final class ForEngineExceptions extends RefusalMapper<ProcessEngineException> {}

  /** what the REST resources wrap (Camunda's complete, submit-form, start…: "Cannot complete task …", 500) */
  @Priority(PRIORITY)
  public static final class ForRestExceptions extends RefusalMapper<RestException> {}
}
