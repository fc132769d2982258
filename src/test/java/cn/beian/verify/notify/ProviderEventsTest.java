package cn.beian.verify.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.sms.SmsEvents;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one mapping from the request's trail to the providers' events, and a provider's choice of events. */
class ProviderEventsTest {

  @Test
  void shouldMapEveryPerPersonTrailEventToItsContractName() {
    assertThat(ProviderEvents.ofTrail(FilingEvent.SMS_SENT)).contains("verifier.sms_sent");
    assertThat(ProviderEvents.ofTrail(FilingEvent.SMS_RESENT)).contains("verifier.sms_sent");
    assertThat(ProviderEvents.ofTrail(SmsEvents.SMS_DELIVERED)).contains("verifier.sms_delivered");
    assertThat(ProviderEvents.ofTrail(SmsEvents.SMS_UNDELIVERED)).contains("verifier.sms_undeliverable");
    assertThat(ProviderEvents.ofTrail("SMS_UNDELIVERABLE")).contains("verifier.sms_undeliverable");
    assertThat(ProviderEvents.ofTrail(FilingEvent.VERIFIED)).contains("verifier.verified");
    assertThat(ProviderEvents.ofTrail(FilingEvent.FAILED)).contains("verifier.failed");
    assertThat(ProviderEvents.ofTrail(FilingEvent.EXPIRED)).contains("verifier.expired");
  }

  @Test
  void shouldKeepTrailEventsWithoutAContractNameInTheTrail() {
    for (String trailOnly : new String[] {"SMS_NO_RECEIPT", SmsEvents.SMS_FAILED, FilingEvent.ATTEMPT_FAILED,
        FilingEvent.RESEND_REQUESTED, FilingEvent.SUBMITTED, FilingEvent.UNDER_REVIEW, FilingEvent.REVIEWED}) {
      assertThat(ProviderEvents.ofTrail(trailOnly)).as(trailOnly).isEqualTo(Optional.empty());
    }
  }

  @Test
  void shouldGiveThePersonsStatusAfterTheEvent() {
    // the EXPIRED trail entry is written while the verifier row still says PENDING
    assertThat(ProviderEvents.verifierStatusAfter("verifier.expired", "PENDING")).isEqualTo("EXPIRED");
    assertThat(ProviderEvents.verifierStatusAfter("verifier.failed", "PENDING")).isEqualTo("FAILED");
    assertThat(ProviderEvents.verifierStatusAfter("verifier.sms_delivered", "PENDING")).isEqualTo("PENDING");
  }

  @Test
  void shouldSendEveryEventUnlessTheProviderChose() {
    var everything = new CallbackProperties.Provider(URI.create("https://p.example/cb"), "secret");
    assertThat(ProviderEvents.ALL).allMatch(everything::wants);

    var chosen = new CallbackProperties.Provider(URI.create("https://p.example/cb"), "secret",
        Set.of("filing.status_changed", "verifier.sms_undeliverable"));
    assertThat(chosen.wants("verifier.sms_undeliverable")).isTrue();
    assertThat(chosen.wants("verifier.sms_sent")).isFalse();
  }

  @Test
  void shouldRefuseToStartWithAnEventThatDoesNotExist() {
    assertThatThrownBy(() -> new CallbackProperties.Provider(URI.create("https://p.example/cb"), "secret",
        Set.of("verifier.sms_receipt")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verifier.sms_receipt");
  }
}
