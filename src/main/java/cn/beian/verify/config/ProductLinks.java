package cn.beian.verify.config;

import cn.beian.verify.kernel.Texts;
import cn.beian.verify.sms.DemoInboxPage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The product's pages and who they are for: the landing page shows them, the start-up lines list them. */
@Component
public class ProductLinks {

  /**
   * @param audience who uses the page
   * @param name the page's name
   * @param logName its name in the start-up lines (logs stay ASCII)
   * @param path where it is, under the server's base
   * @param note one line on what it is for
   */
  public record Link(String audience, String name, String logName, String path, String note) {}

  private final boolean demoInbox;

  @Autowired
  public ProductLinks(ObjectProvider<DemoInboxPage> demoInbox) {
    // the inbox exists only with the built-in SMS gateway (the demo; a real SMSC switches it off)
    this(demoInbox.getIfAvailable() != null);
  }

  ProductLinks(boolean demoInbox) {
    this.demoInbox = demoInbox;
  }

  public List<Link> all() {
    List<Link> links = new ArrayList<>();
    links.add(link("public", "verify", "Public page", "/verify"));
    if (demoInbox) {
      links.add(link("demo", "inbox", "Demo SMS inbox", "/dev/sms"));
    }
    links.add(link("staff", "tasklist", "Tasklist", "/camunda/app/tasklist/"));
    links.add(link("staff", "cockpit", "Cockpit", "/camunda/app/cockpit/"));
    links.add(link("staff", "admin", "Admin", "/camunda/app/admin/"));
    links.add(link("provider", "api", "API documentation", "/swagger-ui.html"));
    return List.copyOf(links);
  }

  /** audience {@code links.audience.<audience>}, name and note {@code links.<page>.name|note} from the bundle */
  private static Link link(String audience, String page, String logName, String path) {
    return new Link(Texts.text("links.audience." + audience), Texts.text("links." + page + ".name"), logName, path,
        Texts.text("links." + page + ".note"));
  }
}
