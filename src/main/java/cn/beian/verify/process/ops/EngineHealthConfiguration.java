package cn.beian.verify.process.ops;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's health contributors, beside the product's (ops.health.HealthConfiguration); a contributor's name is
 * its bean name without "HealthIndicator".
 */
@Configuration(proxyBeanMethods = false)
class EngineHealthConfiguration {

  /** replaces the Camunda starter's bean of the same name */
  @Bean
  HealthIndicator processEngineHealthIndicator(ProcessEngine engine) {
    return new EngineHealthIndicators.ProcessEngineCheck(engine);
  }

  /** replaces the Camunda starter's bean of the same name */
  @Bean
  HealthIndicator jobExecutorHealthIndicator(ObjectProvider<JobExecutor> jobExecutor) {
    return new EngineHealthIndicators.JobExecutorCheck(jobExecutor.getIfAvailable());
  }
}
