package cn.beian.verify.process.staff;

import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * A command interceptor that knows whether a command is the one a caller asked for or one the engine (or a delegate)
 * runs inside it: the interceptor chain sees both, nested commands going through it again on the same thread.
 */
abstract class CallerCommandInterceptor extends CommandInterceptor {
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  @Override
  public final <T> T execute(Command<T> command) {
    int[] level = depth.get();
    level[0]++;
    try {
      return execute(command, level[0] == 1);
    } finally {
      level[0]--;
    }
  }

  /** @param asked whether this is the command the caller asked for (not one nested in it) */
  protected abstract <T> T execute(Command<T> command, boolean asked);
}
