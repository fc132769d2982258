package cn.beian.verify.sms.smpp;

import java.time.Duration;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMPP 3.4 transport ({@code beian.sms.smpp.*}, used with {@code beian.sms.transport=smpp}). Host, system id
 * and password come from the environment ({@code BEIAN_SMS_SMPP_HOST}, {@code BEIAN_SMS_SMPP_SYSTEM_ID},
 * {@code BEIAN_SMS_SMPP_PASSWORD}).
 *
 * @param responseTimeout how long a submit waits for the SMSC's response before the connection counts as lost
 * @param maxSubmitsPerSecond the agreed rate, in submit_sm PDUs (message parts) per second
 * @param throttleRetries how often a throttled submit waits in place before the outbox retries it later
 * @param throttleBackoff the first in-place wait after a throttling response, doubled each time
 */
@ConfigurationProperties("beian.sms.smpp")
public record SmppProperties(
    String host,
    @DefaultValue("2775") int port,
    String systemId,
    String password,
    @DefaultValue("") String systemType,
    @DefaultValue("") String serviceType,
    @DefaultValue("PT10S") Duration bindTimeout,
    @DefaultValue("PT10S") Duration responseTimeout,
    @DefaultValue("PT30S") Duration enquireLinkInterval,
    @DefaultValue("PT5S") Duration reconnectDelay,
    @DefaultValue("10") double maxSubmitsPerSecond,
    @DefaultValue("5") int throttleRetries,
    @DefaultValue("PT0.2S") Duration throttleBackoff,
    @DefaultValue("UNKNOWN") TypeOfNumber sourceTon,
    @DefaultValue("UNKNOWN") NumberingPlanIndicator sourceNpi,
    @DefaultValue("UNKNOWN") TypeOfNumber destTon,
    @DefaultValue("ISDN") NumberingPlanIndicator destNpi) {

  public SmppProperties {
    systemType = systemType == null ? "" : systemType;
    serviceType = serviceType == null ? "" : serviceType;
  }

  /** the transport cannot work without these: checked when it is chosen, not for the built-in default */
  void requireConnection() {
    if (host == null || host.isBlank() || systemId == null || systemId.isBlank() || password == null) {
      throw new IllegalStateException("beian.sms.transport=smpp needs beian.sms.smpp.host, system-id and password "
          + "(BEIAN_SMS_SMPP_HOST, BEIAN_SMS_SMPP_SYSTEM_ID, BEIAN_SMS_SMPP_PASSWORD)");
    }
    if (maxSubmitsPerSecond <= 0 || throttleRetries < 0) {
      throw new IllegalStateException("beian.sms.smpp.max-submits-per-second must be positive");
    }
  }
}
