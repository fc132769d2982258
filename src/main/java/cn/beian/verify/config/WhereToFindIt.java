package cn.beian.verify.config;

import cn.beian.verify.portal.PortalProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who just started the product where its pages are. */
@Component
class WhereToFindIt {
  private static final Logger LOG = LoggerFactory.getLogger(WhereToFindIt.class);

  private final ProductLinks links;
  private final PortalProperties portal;

  WhereToFindIt(ProductLinks links, PortalProperties portal) {
    this.links = links;
    this.portal = portal;
  }

  @EventListener
  void onStarted(WebServerInitializedEvent event) {
    if ("management".equals(event.getApplicationContext().getServerNamespace())) {
      LOG.info("Health and metrics (management port, not public): http://{}:{}/actuator/health, /actuator/prometheus",
          event.getApplicationContext().getEnvironment().getProperty("management.server.address", "localhost"),
          event.getWebServer().getPort());
      return;
    }
    if (event.getApplicationContext().getServerNamespace() != null) {
      return;
    }
    String base = "http://localhost:" + event.getWebServer().getPort();
    LOG.info(lines(base, portal.baseUrl()));
  }

  /** one line per page, then the engine REST API and, when configured, the public address of the SMS links */
  String lines(String base, String publicBase) {
    StringBuilder text = new StringBuilder("Beian Verify is up:");
    text.append(String.format("%n  %-22s %s/", "Home", base));
    for (ProductLinks.Link link : links.all()) {
      text.append(String.format("%n  %-22s %s%s", link.logName(), base, link.path()));
    }
    text.append(String.format("%n  %-22s %s/engine-rest (HTTP Basic)", "Engine REST", base));
    if (!publicBase.isEmpty()) {
      text.append(String.format("%n  %-22s %s/v/<token> (beian.portal.base-url)", "SMS links", publicBase));
    }
    return text.toString();
  }
}
