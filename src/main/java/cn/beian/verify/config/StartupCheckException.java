package cn.beian.verify.config;

/**
 * The product refuses to start: a setting is missing or wrong, named by its environment variable. Reported by
 * {@link StartupCheckFailureAnalyzer} as Spring Boot's "APPLICATION FAILED TO START" with what to do, no stack trace.
 */
public class StartupCheckException extends IllegalStateException {
  private final String action;

  public StartupCheckException(String message, String action) {
    super(message);
    this.action = action;
  }

  public String action() {
    return action;
  }
}
