package cn.beian.verify.process.staff;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Puts the HTTP edge of SECURITY.md into every Jersey application of the JVM (Jersey's service-loader SPI,
 * META-INF/services): the engine REST API at {@code /engine-rest} and the webapps' copy at {@code /camunda/api/engine},
 * which Camunda's webapp starter registers as a servlet of its own that no Spring bean can configure. The request guard
 * acts only on those two; the problem mappers answer refusals in the webapps' other APIs (Cockpit, Admin) as well.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public final class EngineRestEdge implements AutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(EngineRestRequestGuard.class)) {
      context.register(EngineRestRequestGuard.class);
      context.register(EngineRestProblems.ForEngineExceptions.class, EngineRestProblems.PRIORITY);
      context.register(EngineRestProblems.ForRestExceptions.class, EngineRestProblems.PRIORITY);
    }
  }
}
