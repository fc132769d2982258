package cn.beian.verify.portal;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where the product's pages are reached: the configured {@code beian.portal.base-url}, or else this server itself
 * ({@code http://localhost:<port>}, the port it really listens on once started, so that {@code --server.port=9090}
 * and random test ports give working links).
 */
@Component
public class PublicAddress implements ApplicationListener<WebServerInitializedEvent> {
  private final String configured;
  private volatile String server;

  public PublicAddress(PortalProperties properties, Environment environment) {
    this.configured = trimSlash(properties.baseUrl());
    this.server = local(environment.getProperty("server.ssl.enabled", Boolean.class, false),
        environment.getProperty("server.port", Integer.class, 8080));
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    // the application's own server, not a separate management server
    if (event.getApplicationContext().getServerNamespace() == null) {
      boolean ssl = event.getApplicationContext().getEnvironment()
          .getProperty("server.ssl.enabled", Boolean.class, false);
      server = local(ssl, event.getWebServer().getPort());
    }
  }

  /** the base of the public page and the short links, without a trailing slash */
  public String baseUrl() {
    return configured.isEmpty() ? server : configured;
  }

  public String shortLink(String token) {
    return baseUrl() + "/v/" + token;
  }

  private static String local(boolean ssl, int port) {
    return (ssl ? "https" : "http") + "://localhost:" + port;
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
