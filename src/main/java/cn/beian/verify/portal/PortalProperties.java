package cn.beian.verify.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl where the public verification page is reached from the citizens' phones (the SMS short link starts
 *     with it); empty: {@code http://localhost:<the server's port>}, for a local demo (see {@link PublicAddress})
 */
@ConfigurationProperties("beian.portal")
public record PortalProperties(@DefaultValue("") String baseUrl) {

  public PortalProperties {
    baseUrl = baseUrl == null ? "" : baseUrl.strip();
    if (!baseUrl.isEmpty() && !baseUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
      throw new IllegalArgumentException("beian.portal.base-url must be an http(s) URL without query, e.g. "
          + "https://beian.example.cn: " + baseUrl);
    }
  }
}
