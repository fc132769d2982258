package cn.beian.verify.ops.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.beian.verify.sms.CarrierReceipt;
import cn.beian.verify.sms.SmsSubmissionLog;
import cn.beian.verify.sms.smpp.SmppProperties;
import cn.beian.verify.sms.smpp.SmppSmsGateway;
import cn.beian.verify.sms.smpp.SmscSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The SMSC check over the real SMPP transport and the in-test SMSC: UP while bound, WARN for a short loss, DOWN once
 * the SMSC has been unreachable longer than the threshold, UP again once it is back. The threshold is crossed by
 * reading the check on a clock ahead of the transport's, so no test waits for it.
 */
class SmscHealthIndicatorTest {
  private static final Duration THRESHOLD = Duration.ofMinutes(2);
  private SmscSimulator smsc;
  private SmppSmsGateway gateway;

  @AfterEach
  void stop() throws IOException {
    if (gateway != null) {
      gateway.stop();
    }
    if (smsc != null) {
      smsc.close();
    }
  }

  private static SmppProperties properties(int port) {
    return new SmppProperties("127.0.0.1", port, SmscSimulator.SYSTEM_ID, SmscSimulator.PASSWORD, "", "",
        Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMillis(100), 1000, 5,
        Duration.ofMillis(20), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, TypeOfNumber.UNKNOWN,
        NumberingPlanIndicator.ISDN);
  }

  private static final SmsSubmissionLog NO_LOG = new SmsSubmissionLog() {
    @Override
    public Map<Integer, String> acknowledgedParts(String messageId) {
      return Map.of();
    }

    @Override
    public void partAcknowledged(String messageId, int partNo, int partCount, String carrierMessageId) {}

    @Override
    public ReceiptOutcome receiptReceived(CarrierReceipt receipt) {
      return ReceiptOutcome.UNKNOWN;
    }
  };

  private static SmscHealthIndicator check(SmppSmsGateway gateway, Duration clockAhead) {
    return new SmscHealthIndicator(gateway, THRESHOLD, Clock.offset(Clock.systemUTC(), clockAhead));
  }

  @Test
  void shouldBeUpWhileBoundAndDownOnceTheSmscHasBeenGoneLongerThanTheThreshold() throws IOException {
    // given a transport bound to the SMSC
    smsc = new SmscSimulator();
    int port = smsc.port();
    gateway = new SmppSmsGateway(properties(port), NO_LOG);
    gateway.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.connection().bound());
    assertThat(check(gateway, Duration.ZERO).health().getStatus()).isEqualTo(Status.UP);

    // when the SMSC goes away
    smsc.close();
    smsc = null;
    await().atMost(Duration.ofSeconds(20)).until(() -> !gateway.connection().bound());

    // then a short loss is a warning, the node stays ready
    Health shortLoss = check(gateway, Duration.ZERO).health();
    assertThat(shortLoss.getStatus()).isEqualTo(HealthStatuses.WARN);
    assertThat(shortLoss.getDetails()).containsEntry("bound", false).containsKey("unboundSince");
    // and a loss longer than the threshold takes it out of readiness
    assertThat(check(gateway, THRESHOLD.plusSeconds(1)).health().getStatus()).isEqualTo(Status.DOWN);

    // when the SMSC is back on its address
    smsc = SmscSimulator.on(port);

    // then the transport rebinds on its own and the check is UP again, however long the outage was
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.connection().bound());
    assertThat(check(gateway, THRESHOLD.plusSeconds(1)).health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void shouldCountAnSmscNeverReachedFromTheStart() throws IOException {
    // given a transport whose SMSC does not listen at all
    int nobody;
    try (ServerSocket free = new ServerSocket(0)) {
      nobody = free.getLocalPort();
    }
    gateway = new SmppSmsGateway(properties(nobody), NO_LOG);
    gateway.start();

    // when / then it has been unbound since it started: WARN at first, DOWN past the threshold
    assertThat(check(gateway, Duration.ZERO).health().getStatus()).isEqualTo(HealthStatuses.WARN);
    assertThat(check(gateway, THRESHOLD).health().getStatus()).isEqualTo(Status.DOWN);
  }
}
