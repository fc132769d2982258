package cn.beian.verify.filing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on one filing request ({@code beian.filing.*}); the defaults are documented once, in application.yaml.
 *
 * @param maxWebsites websites/apps in one request, and so website principals (persons: one more, the entity's);
 *     a request with more is refused with a 400 before anything is stored or sent
 */
@ConfigurationProperties("beian.filing")
public record FilingProperties(@DefaultValue("100") int maxWebsites) {

  public FilingProperties {
    if (maxWebsites < 1) {
      throw new IllegalArgumentException("beian.filing.max-websites must be at least 1");
    }
  }
}
