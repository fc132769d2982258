package cn.beian.verify.ops;

import java.time.Instant;
import java.util.Map;

/**
 * The engine's part of the operational figures, read over Camunda's API in the process adapter
 * (process.ops.EngineBacklogFigures), so that ops itself imports no Camunda.
 */
public interface EngineBacklog {
  /** the engine's open incidents by incident type (failedJob, smsDeliveryFailed, ...) */
  Map<String, Long> incidentsByType();

  /** jobs due now with retries left: what the job executors have yet to do */
  long executableJobs();

  /** the due date of the longest-waiting executable job; null when there is none */
  Instant oldestDueJob();
}
