package cn.beian.verify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.notify.CallbackProperties;
import cn.beian.verify.sms.SmsOutboxProperties;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The outboxes as application.yaml configures them, held to what a cluster needs (issue 11): a node killed while it
 * holds jobs, SMS or callbacks leaves them to the others within 30 s (the job executor's lock time and its next
 * acquisition, the outboxes' leases and polls); while it is alive, its
 * claims are renewed (OutboxDispatcher#renewLeases), so a short lease costs no slow transport a duplicate.
 */
class OutboxSettingsTest {
  /** what a dead node's jobs wait at most (lock time + the next acquisition), and so its outbox rows */
  private static final Duration TAKEOVER = Duration.ofSeconds(30);

  @Test
  void shouldLeaveADeadNodesSmsToTheOthersWithinTheJobLockTime() throws IOException {
    // given the SMS outbox as configured
    SmsOutboxProperties sms = configured().bind("beian.sms.outbox", SmsOutboxProperties.class).get();
    // when a node dies right after claiming (or renewing): its claim runs out after the lease, and the others look
    // at least every poll interval
    Duration takenOverAfter = sms.lease().plus(sms.pollInterval());
    // then within the lock time
    assertThat(sms.pollInterval()).isPositive();
    assertThat(takenOverAfter).isLessThanOrEqualTo(TAKEOVER);
  }

  @Test
  void shouldLeaveADeadNodesJobsToTheOthersWithinTheTakeoverTime() throws IOException {
    // given the job executor as configured
    Binder configured = configured();
    long lockTime = configured.bind("camunda.bpm.job-execution.lock-time-in-millis", Long.class).get();
    long maxWait = configured.bind("camunda.bpm.job-execution.max-wait", Long.class).get();
    // when a node dies right after acquiring: its locks run out after the lock time, and the others acquire again at
    // most max-wait later
    Duration takenOverAfter = Duration.ofMillis(lockTime + maxWait);
    // then within the time the cluster promises (README, ClusterTest)
    assertThat(takenOverAfter).isLessThanOrEqualTo(TAKEOVER);
  }

  @Test
  void shouldLeaveADeadNodesCallbacksToTheOthersWithinTheJobLockTime() throws IOException {
    // given the callback outbox as configured
    CallbackProperties callbacks = configured().bindOrCreate("beian.callbacks", CallbackProperties.class);
    // then a dead node's deliveries are retaken within the lock time, and one attempt fits in a lease
    assertThat(callbacks.lease().plus(callbacks.pollInterval())).isLessThanOrEqualTo(TAKEOVER);
    assertThat(callbacks.timeout()).isLessThan(callbacks.lease());
  }

  private static Binder configured() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
        .forEach(source -> environment.getPropertySources().addLast(source));
    return new Binder(ConfigurationPropertySources.get(environment));
  }
}
