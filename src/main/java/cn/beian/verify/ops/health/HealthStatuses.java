package cn.beian.verify.ops.health;

import org.springframework.boot.actuate.health.Status;

/** The product's one status of its own, ordered between DOWN and UP in application.yaml and answered with 200. */
final class HealthStatuses {
  /** works, but an operator should look: a backlog that ages, open incidents, an SMSC lost for a short while */
  static final Status WARN = new Status("WARN");

  private HealthStatuses() {}
}
