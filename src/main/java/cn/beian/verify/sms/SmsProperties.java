package cn.beian.verify.sms;

import cn.beian.verify.filing.UnsupportedPhonePrefixes;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS configuration (docs/rules.md §10, {@code beian.sms.*}).
 *
 * @param unsupportedPrefixes number segments refused at submission (§7, the 2018 rule)
 * @param senderMode per-carrier sender numbers or the unified 12381
 */
@ConfigurationProperties("beian.sms")
public record SmsProperties(
    @DefaultValue({"166", "199", "198", "147"}) List<String> unsupportedPrefixes,
    @DefaultValue("CARRIER") SenderMode senderMode) implements UnsupportedPhonePrefixes {

  public SmsProperties {
    // an operator may switch the rule off with an empty list; keep it immutable either way
    unsupportedPrefixes = unsupportedPrefixes == null ? List.of() : List.copyOf(unsupportedPrefixes);
    if (senderMode == null) {
      throw new IllegalArgumentException("beian.sms.sender-mode is required");
    }
  }
}
