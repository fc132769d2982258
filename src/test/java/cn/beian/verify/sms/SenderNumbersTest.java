package cn.beian.verify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SenderNumbersTest {
  private static final CarrierDirectory CARRIERS = CarrierDirectory.loadDefault();

  @ParameterizedTest
  @CsvSource({
      "18912345678, 106598051001",
      "13012345678, 10655113",
      "13800138000, 106575000130",
      "17001234567, 106598051001",
      "17041234567, 10655113",
      "17051234567, 106575000130",
      "19212345678, 106575000130"
  })
  void shouldSendFromTheCarriersNumber(String phone, String sender) {
    // given per-carrier routing (the default)
    SenderNumbers senders = new SenderNumbers(CARRIERS, SenderMode.CARRIER);
    // when / then the sender is the carrier's (a virtual operator's host's) number
    assertThat(senders.senderFor(phone)).isEqualTo(sender);
  }

  @Test
  void shouldFallBackToTheUnifiedSenderForAnUnknownCarrier() {
    // given per-carrier routing and a segment nobody owns
    SenderNumbers senders = new SenderNumbers(CARRIERS, SenderMode.CARRIER);
    // when / then the unified sender is used
    assertThat(senders.senderFor("14012345678")).isEqualTo("12381");
  }

  @Test
  void shouldSendEverythingFrom12381InUnifiedMode() {
    // given the unified sender option
    SenderNumbers senders = new SenderNumbers(CARRIERS, SenderMode.UNIFIED);
    // when / then every carrier's number gets 12381
    assertThat(senders.senderFor("18912345678")).isEqualTo("12381");
    assertThat(senders.senderFor("13012345678")).isEqualTo("12381");
    assertThat(senders.senderFor("13800138000")).isEqualTo("12381");
  }
}
