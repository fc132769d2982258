package cn.beian.verify.cluster;

import cn.beian.verify.sms.smpp.SmscSimulator;
import cn.beian.verify.testdb.ShippedSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings of the nodes of the cluster and crash tests, over the test profile's. */
final class NodeSettings {
  private NodeSettings() {
  }

  /**
   * What production runs where a cluster or a crash shows it: the job executor on, the SMS outbox dispatched in the
   * background with the shipped poller (the test profile dispatches inline and polls never), SMS through an SMSC
   * (the simulator, which counts what really reached it; submits not paced).
   */
  static Map<String, String> asShipped(SmscSimulator smsc) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("camunda.bpm.job-execution.enabled", "true");
    settings.put("beian.sms.outbox.dispatch", "BACKGROUND");
    settings.put("beian.sms.outbox.poll-interval", ShippedSettings.value("beian.sms.outbox.poll-interval"));
    settings.put("beian.sms.transport", "smpp");
    settings.put("beian.sms.smpp.host", "127.0.0.1");
    settings.put("beian.sms.smpp.port", Integer.toString(smsc.port()));
    settings.put("beian.sms.smpp.system-id", SmscSimulator.SYSTEM_ID);
    settings.put("beian.sms.smpp.password", SmscSimulator.PASSWORD);
    settings.put("beian.sms.smpp.max-submits-per-second", "500");
    return settings;
  }
}
