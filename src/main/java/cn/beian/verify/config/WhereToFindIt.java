package cn.beian.verify.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who just started the product where its pages are. */
@Component
class WhereToFindIt {
  private static final Logger LOG = LoggerFactory.getLogger(WhereToFindIt.class);

  @EventListener
  void onStarted(WebServerInitializedEvent event) {
    if ("management".equals(event.getApplicationContext().getServerNamespace())) {
      LOG.info("Health and metrics (management port, not public): http://{}:{}/actuator/health, /actuator/prometheus",
          event.getApplicationContext().getEnvironment().getProperty("management.server.address", "localhost"),
          event.getWebServer().getPort());
      return;
    }
    String base = "http://localhost:" + event.getWebServer().getPort();
    LOG.info("""
        Beian Verify is up:
          Tasklist     {}/camunda/app/tasklist
          Cockpit      {}/camunda/app/cockpit
          Engine REST  {}/engine-rest (HTTP Basic)""", base, base, base);
  }
}
