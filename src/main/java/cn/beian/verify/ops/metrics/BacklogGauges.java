package cn.beian.verify.ops.metrics;

import cn.beian.verify.ops.OperationalFigures;
import cn.beian.verify.sms.smpp.SmppSmsGateway;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gauges over the cluster-wide figures (the same on every node: dashboards and alerts take the max over nodes) and
 * over this node's SMSC session. Read at most once per {@code beian.health.figures-max-age}, whatever scrapes them.
 */
@Component
class BacklogGauges implements MeterBinder {
  private final OperationalFigures figures;
  private final ObjectProvider<SmppSmsGateway> smpp;
  private final Set<String> incidentTypes = ConcurrentHashMap.newKeySet();
  private volatile MeterRegistry registry;

  BacklogGauges(OperationalFigures figures, ObjectProvider<SmppSmsGateway> smpp) {
    this.figures = figures;
    this.smpp = smpp;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    gauge(registry, "beian.sms.outbox.pending", "SMS committed but not yet accepted by the carrier",
        f -> f.smsPending());
    age(registry, "beian.sms.outbox.oldest.age", "How long the oldest SMS not yet accepted by the carrier has waited",
        f -> f.smsOldestPendingAge());
    gauge(registry, "beian.callbacks.waiting", "Callbacks not yet acknowledged by their provider",
        f -> f.callbacksWaiting());
    age(registry, "beian.callbacks.oldest.age", "How long the oldest unacknowledged callback has waited",
        f -> f.callbackOldestWaitingAge());
    gauge(registry, "beian.engine.jobs.executable", "Jobs due now with retries left, not yet executed",
        f -> f.executableJobs());
    age(registry, "beian.engine.jobs.oldest.due.age", "How long past its due date the longest-waiting executable job is",
        f -> f.oldestDueJobAge());
    // a failed job with no retries left becomes this incident: the type is always there, other types when they occur
    incidentGauge("failedJob");
    gauge(registry, "beian.retention.overdue",
        "Closed requests more than a day past the retention period whose personal data is not erased yet",
        f -> f.retentionOverdue());
    SmppSmsGateway gateway = smpp.getIfAvailable();
    if (gateway != null) {
      Gauge.builder("beian.sms.smsc.bound", gateway, g -> g.connection().bound() ? 1 : 0)
          .description("1 while this node has a bound SMPP session to the SMSC").register(registry);
      TimeGauge.builder("beian.sms.smsc.unbound", gateway, TimeUnit.SECONDS, g -> unboundSeconds(g.connection()))
          .description("How long this node has had no bound SMPP session (0 while bound)").register(registry);
    }
  }

  private void incidentGauge(String type) {
    if (incidentTypes.add(type)) {
      Gauge.builder("beian.engine.incidents", figures, f -> f.current().incidentsByType().getOrDefault(type, 0L))
          .description("Open incidents of the engine, by incident type").tag("type", type).register(registry);
    }
  }

  private void gauge(MeterRegistry registry, String name, String description,
      ToDoubleFunction<OperationalFigures.Snapshot> value) {
    Gauge.builder(name, figures, f -> value.applyAsDouble(current())).description(description).register(registry);
  }

  private void age(MeterRegistry registry, String name, String description,
      Function<OperationalFigures.Snapshot, Duration> age) {
    TimeGauge.builder(name, figures, TimeUnit.SECONDS, f -> age.apply(current()).toMillis() / 1000.0)
        .description(description).register(registry);
  }

  /** every read also registers a gauge for an incident type seen for the first time */
  private OperationalFigures.Snapshot current() {
    OperationalFigures.Snapshot snapshot = figures.current();
    snapshot.incidentsByType().keySet().forEach(this::incidentGauge);
    return snapshot;
  }

  private static double unboundSeconds(SmppSmsGateway.Connection connection) {
    return connection.bound() ? 0 : Duration.between(connection.unboundSince(), Instant.now()).toMillis() / 1000.0;
  }
}
