package cn.beian.verify.process;

import cn.beian.verify.retention.RetentionProperties;
import java.util.Objects;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The engine's history of a request is removed at the same horizon as its personal data: Camunda's history cleanup
 * (nightly, removal-time based, application.yaml) removes a finished request's history {@code historyTimeToLive} days
 * after it ended, so every deployed process and decision gets the retention period's days. The models declare the
 * default (180); a different {@code beian.retention.period} is applied here at every start, to every version. History
 * that already has a removal time keeps it.
 */
@Component
class HistoryTimeToLive implements SmartInitializingSingleton {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryTimeToLive.class);

  private final ProcessEngine engine;
  private final RetentionProperties retention;

  HistoryTimeToLive(ProcessEngine engine, RetentionProperties retention) {
    this.engine = engine;
    this.retention = retention;
  }

  /** the engine is built and the models deployed once every singleton exists */
  @Override
  public void afterSingletonsInstantiated() {
    align(engine, retention.days());
  }

  /** @return how many definitions got the time to live they lacked */
  static int align(ProcessEngine engine, int days) {
    RepositoryService repository = engine.getRepositoryService();
    int changed = 0;
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
      if (!Objects.equals(definition.getHistoryTimeToLive(), days)
          && update(() -> repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days))) {
        changed++;
      }
    }
    for (DecisionDefinition definition : repository.createDecisionDefinitionQuery().list()) {
      if (!Objects.equals(definition.getHistoryTimeToLive(), days)
          && update(() -> repository.updateDecisionDefinitionHistoryTimeToLive(definition.getId(), days))) {
        changed++;
      }
    }
    if (changed > 0) {
      LOG.info("historyTimeToLive of {} process and decision definitions set to the retention period, {} days",
          changed, days);
    }
    return changed;
  }

  private static boolean update(Runnable update) {
    try {
      update.run();
      return true;
    } catch (OptimisticLockingException e) {
      // another node starting at the same time set it first
      return false;
    }
  }
}
