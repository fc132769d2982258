package cn.beian.verify.sms;

import cn.beian.verify.verification.SmsCodeGenerator;
import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SmsConfiguration {
  @Bean
  CarrierDirectory carrierDirectory() {
    return CarrierDirectory.loadDefault();
  }

  @Bean
  SenderNumbers senderNumbers(CarrierDirectory carriers, SmsProperties properties) {
    return new SenderNumbers(carriers, properties.senderMode());
  }

  @Bean
  SmsCodeGenerator smsCodeGenerator() {
    return new SmsCodeGenerator(new SecureRandom());
  }
}
