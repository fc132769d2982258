package cn.beian.verify.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send to the product's own endpoints ({@code beian.http.*}); the defaults are
 * documented once, in application.yaml.
 *
 * @param maxBodySize the largest request body accepted on {@code /api/**}; a larger one is answered 413 before any
 *     controller reads it
 */
@ConfigurationProperties("beian.http")
public record HttpInputProperties(@DefaultValue("256KB") DataSize maxBodySize) {

  public HttpInputProperties {
    if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("beian.http.max-body-size must be between 1KB and 2GB");
    }
  }
}
