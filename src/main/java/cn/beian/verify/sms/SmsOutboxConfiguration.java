package cn.beian.verify.sms;

import cn.beian.verify.outbox.OutboxWorker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SMS outbox's worker on this node: its own threads, woken after each commit that wrote a message. */
@Configuration(proxyBeanMethods = false)
class SmsOutboxConfiguration {

  @Bean
  OutboxWorker smsOutboxWorker(SmsDispatcher sms) {
    return new OutboxWorker("sms", sms.outbox(), SmsDispatcher.TABLE.name(), true);
  }
}
