package cn.beian.verify.sms.smpp;

import cn.beian.verify.sms.SmsSubmissionLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code beian.sms.transport=smpp}: codes go to a real SMSC instead of the built-in demo inbox. */
@Configuration
@ConditionalOnProperty(prefix = "beian.sms", name = "transport", havingValue = "smpp")
class SmppConfiguration {
  @Bean
  SmppSmsGateway smppSmsGateway(SmppProperties properties, SmsSubmissionLog submissions) {
    return new SmppSmsGateway(properties, submissions);
  }
}
