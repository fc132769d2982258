package cn.beian.verify.retention;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The nightly erasure is a Spring scheduled method ({@link PersonalDataRetention#nightly}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionConfiguration {}
