package cn.beian.verify.process.staff;

import cn.beian.verify.process.RefusalException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.impl.ProcessEngineLogger;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.ContextLogger;

/**
 * Logs a failed command once, as the engine's command context does (same logger, same messages), except that a
 * refusal of what a person sent is never an ERROR with a stack trace. The engine decides by the type of the outermost
 * exception, but it wraps whatever a task listener throws (ENGINE-03051) and reports a foreign tenant's task as a
 * plain ProcessEngineException (ENGINE-13034): a wrong code typed into the desk's form, or a reviewer trying another
 * province's task, would fill the log with ~185-line ERRORs. So the engine's own logging is switched off
 * ({@code enableCmdExceptionLogging}) and this interceptor, outermost in the chain, looks at the whole cause chain.
 */
final class CommandFailureLogging extends CallerCommandInterceptor {
  private static final ContextLogger LOG = ProcessEngineLogger.CONTEXT_LOGGER;
  /** the code of "Cannot … because it belongs to no authenticated tenant." (CommandLogger 034) */
  static final String TENANT_REFUSAL = "ENGINE-13034";
  /** the code of "Cannot set variable with name …. Java serialization format is prohibited" (CoreLogger 007) */
  static final String JAVA_SERIALIZATION_REFUSAL = "ENGINE-17007";

  @Override
  protected <T> T execute(Command<T> command, boolean asked) {
    try {
      return next.execute(command);
    } catch (RuntimeException | Error failure) {
      if (asked) {
        log(failure);
      }
      throw failure;
    }
  }

  static void log(Throwable failure) {
    if (failure instanceof TaskAlreadyClaimedException) {
      LOG.infoException(failure);
    } else if (failure instanceof OptimisticLockingException || isRefusal(failure)) {
      LOG.debugException(failure);
    } else {
      LOG.errorException(failure);
    }
  }

  /** a person's mistake or a permission the person lacks, anywhere in the cause chain */
  static boolean isRefusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RefusalException || t instanceof BadUserRequestException || t instanceof AuthorizationException
          || isTenantRefusal(t) || isJavaSerializationRefusal(t)) {
        return true;
      }
    }
    return false;
  }

  static boolean isTenantRefusal(Throwable t) {
    return hasCode(t, TENANT_REFUSAL);
  }

  static boolean isJavaSerializationRefusal(Throwable t) {
    return hasCode(t, JAVA_SERIALIZATION_REFUSAL);
  }

  /** the engine's refusals that have no type of their own carry a stable message code */
  private static boolean hasCode(Throwable t, String code) {
    return t instanceof ProcessEngineException && t.getMessage() != null && t.getMessage().startsWith(code);
  }
}
