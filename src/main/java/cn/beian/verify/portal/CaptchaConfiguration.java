package cn.beian.verify.portal;

import cloud.tianai.captcha.application.ImageCaptchaApplication;
import cloud.tianai.captcha.application.TACBuilder;
import cloud.tianai.captcha.common.constant.CaptchaTypeConstant;
import cloud.tianai.captcha.resource.common.model.dto.Resource;
import cloud.tianai.captcha.validator.impl.BasicCaptchaTrackValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * tianai-captcha's core library wired by hand (its Spring Boot starter brings a Redis/local cache and endpoints of
 * its own): slider puzzles from its built-in template and background, open puzzles kept in the database, and the
 * track validator that also refuses machine-like drags (no vertical wobble, too fast, jumps).
 */
@Configuration
public class CaptchaConfiguration {
  static final String PREFIX = "beian-captcha";

  @Bean
  JdbcCaptchaCacheStore captchaCacheStore(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    return new JdbcCaptchaCacheStore(jdbc, json, clock);
  }

  @Bean
  ImageCaptchaApplication imageCaptchaApplication(JdbcCaptchaCacheStore cacheStore, CaptchaProperties properties) {
    return TACBuilder.builder()
        .addDefaultTemplate()
        .addResource(CaptchaTypeConstant.SLIDER, new Resource("classpath", "META-INF/cut-image/resource/1.jpg"))
        .setCacheStore(cacheStore)
        .setValidator(new BasicCaptchaTrackValidator())
        .prefix(PREFIX)
        .expire("default", properties.puzzleTtl().toMillis())
        .build();
  }
}
