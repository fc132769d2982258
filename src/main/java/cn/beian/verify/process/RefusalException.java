package cn.beian.verify.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A request the product refuses because of what a person sent or may not do: an HTTP status (4xx), a Chinese text a
 * clerk can act on, the fields at fault and extra facts (e.g. remaining attempts). It is a
 * {@link BadUserRequestException}, so the engine treats it as a user's mistake (no ERROR, no stack trace), and the
 * staff REST surfaces (security/EngineRestProblems) answer it as a problem document even when Camunda wraps it.
 */
public class RefusalException extends BadUserRequestException {
  private final int status;
  private final String detail;
  private final List<InputProblem> problems;
  private final Map<String, Object> properties;

  public RefusalException(int status, String detail, List<InputProblem> problems, Map<String, Object> properties) {
    super(detail);
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("a refusal is a 4xx: " + status);
    }
    this.status = status;
    this.detail = detail;
    this.problems = List.copyOf(problems);
    this.properties = Map.copyOf(properties);
  }

  public RefusalException(int status, String detail) {
    this(status, detail, List.of(), Map.of());
  }

  /** 400 naming the fields, e.g. a task completed with a variable it does not declare */
  public static RefusalException badInput(List<InputProblem> problems) {
    return new RefusalException(400, StaffTexts.text("output.summary", problems.size(),
        problems.stream().map(InputProblem::text).collect(Collectors.joining("; "))), problems, Map.of());
  }

  public static RefusalException forbidden(String detail) {
    return new RefusalException(403, detail);
  }

  public static RefusalException notFound(String detail) {
    return new RefusalException(404, detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return StaffTexts.title(status);
  }

  public String detail() {
    return detail;
  }

  public List<InputProblem> problems() {
    return problems;
  }

  /** extra members of the problem document, e.g. {@code remainingAttempts} */
  public Map<String, Object> properties() {
    return new LinkedHashMap<>(properties);
  }
}
