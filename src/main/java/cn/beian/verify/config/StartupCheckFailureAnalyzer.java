package cn.beian.verify.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Registered in META-INF/spring.factories: a refused start-up reads as a description and an action. */
class StartupCheckFailureAnalyzer extends AbstractFailureAnalyzer<StartupCheckException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StartupCheckException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
