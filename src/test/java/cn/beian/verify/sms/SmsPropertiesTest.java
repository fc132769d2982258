package cn.beian.verify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SmsPropertiesTest {

  private static SmsProperties bind(Map<String, String> properties) {
    Binder binder = new Binder(new MapConfigurationPropertySource(properties));
    return binder.bindOrCreate("beian.sms", Bindable.of(SmsProperties.class));
  }

  @Test
  void shouldApplyTheDefaultsOfTheSource() {
    // given no configuration
    // when the properties are bound
    SmsProperties properties = bind(Map.of());
    // then the 2018 refused segments and per-carrier senders apply
    assertThat(properties.unsupportedPrefixes()).containsExactly("166", "199", "198", "147");
    assertThat(properties.senderMode()).isEqualTo(SenderMode.CARRIER);
  }

  @Test
  void shouldBindOverridesByTheirContractNames() {
    // given an operator's configuration with the names of docs/rules.md §10
    Map<String, String> configured = Map.of(
        "beian.sms.unsupported-prefixes", "166, 1700",
        "beian.sms.sender-mode", "unified");
    // when the properties are bound
    SmsProperties properties = bind(configured);
    // then the overrides are taken, trimmed and case-insensitively for the enum
    assertThat(properties.unsupportedPrefixes()).containsExactly("166", "1700");
    assertThat(properties.senderMode()).isEqualTo(SenderMode.UNIFIED);
  }

  @Test
  void shouldBindAnIndexedList() {
    // given the list written in YAML's indexed form
    Map<String, String> configured = Map.of(
        "beian.sms.unsupported-prefixes[0]", "199",
        "beian.sms.unsupported-prefixes[1]", "198");
    // when / then it binds as the same list
    assertThat(bind(configured).unsupportedPrefixes()).containsExactly("199", "198");
  }
}
