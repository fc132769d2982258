package cn.beian.verify.process;

import cn.beian.verify.sms.SmsDeliveryIncidents;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** A lost SMS becomes an incident on the verifier's waiting task, where an operator looks in Cockpit. */
@Component
class CamundaSmsDeliveryIncidents implements SmsDeliveryIncidents {
  /** the incident type Cockpit shows */
  static final String INCIDENT_TYPE = "smsDeliveryFailed";

  private final RuntimeService runtime;

  CamundaSmsDeliveryIncidents(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public boolean raise(String executionId, String messageId, int attempts, String reason) {
    if (runtime.createExecutionQuery().executionId(executionId).count() == 0) {
      return false;
    }
    runtime.createIncident(INCIDENT_TYPE, executionId, messageId, StaffTexts.text("sms.incident", attempts, reason));
    return true;
  }
}
