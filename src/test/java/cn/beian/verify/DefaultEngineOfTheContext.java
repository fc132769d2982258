package cn.beian.verify;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Engine REST, its authentication filter and the webapps find "the" engine in the JVM-wide {@link ProcessEngines}
 * registry, where the engine of the Spring context created last wins. When the HTTP context is cached and a
 * differently configured context (the scenario tests') was created after it, calls over HTTP would reach the
 * other context's engine and database; so each HTTP test class puts its own context's engine back first.
 */
public class DefaultEngineOfTheContext implements TestExecutionListener {
  @Override
  public void beforeTestClass(TestContext testContext) {
    ProcessEngines.registerProcessEngine(testContext.getApplicationContext().getBean(ProcessEngine.class));
  }
}
