package cn.beian.verify.portal;

import cloud.tianai.captcha.application.ImageCaptchaApplication;
import cloud.tianai.captcha.application.TACBuilder;
import cloud.tianai.captcha.common.constant.CaptchaTypeConstant;
import cloud.tianai.captcha.resource.ResourceProvider;
import cloud.tianai.captcha.resource.common.model.dto.Resource;
import cloud.tianai.captcha.validator.impl.BasicCaptchaTrackValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * tianai-captcha's core library wired by hand (its Spring Boot starter brings a Redis/local cache and endpoints of
 * its own): slider puzzles from its built-in templates over the product's own backgrounds ({@link CaptchaBackgrounds},
 * drawn at start-up, one picked at random per puzzle), open puzzles kept in the database, and the track validator
 * that also refuses machine-like drags (too fast, jumps).
 */
@Configuration
public class CaptchaConfiguration {
  static final String PREFIX = "beian-captcha";
  /** the resource type of the drawn backgrounds; the resource's data is the background's index */
  static final String GENERATED = "beian-generated";

  @Bean
  JdbcCaptchaCacheStore captchaCacheStore(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    return new JdbcCaptchaCacheStore(jdbc, json, clock);
  }

  @Bean
  CaptchaBackgrounds captchaBackgrounds(CaptchaProperties properties) {
    return CaptchaBackgrounds.draw(properties.backgrounds(), new SecureRandom());
  }

  @Bean
  ImageCaptchaApplication imageCaptchaApplication(JdbcCaptchaCacheStore cacheStore, CaptchaProperties properties,
      CaptchaBackgrounds backgrounds) {
    TACBuilder builder = TACBuilder.builder()
        .addDefaultTemplate()
        .setCacheStore(cacheStore)
        .setValidator(new BasicCaptchaTrackValidator())
        .prefix(PREFIX)
        .expire("default", properties.puzzleTtl().toMillis());
    for (int i = 0; i < backgrounds.count(); i++) {
      builder.addResource(CaptchaTypeConstant.SLIDER, new Resource(GENERATED, String.valueOf(i)));
    }
    ImageCaptchaApplication application = builder.build();
    application.getImageCaptchaResourceManager().registerResourceProvider(new GeneratedBackgrounds(backgrounds));
    return application;
  }

  /** hands tianai the drawn backgrounds from memory */
  static final class GeneratedBackgrounds implements ResourceProvider {
    private final CaptchaBackgrounds backgrounds;

    GeneratedBackgrounds(CaptchaBackgrounds backgrounds) {
      this.backgrounds = backgrounds;
    }

    @Override
    public InputStream getResourceInputStream(Resource resource) {
      return new ByteArrayInputStream(backgrounds.jpeg(Integer.parseInt(resource.getData())));
    }

    @Override
    public boolean supported(Resource resource) {
      return GENERATED.equals(resource.getType());
    }

    @Override
    public String getName() {
      return GENERATED;
    }
  }
}
