package cn.beian.verify.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param baseUrl where the public verification page is reached; the SMS short link starts with it */
@ConfigurationProperties("beian.portal")
public record PortalProperties(@DefaultValue("http://localhost:8080") String baseUrl) {

  public String shortLink(String token) {
    return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/v/" + token;
  }
}
