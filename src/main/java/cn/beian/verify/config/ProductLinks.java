package cn.beian.verify.config;

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
    links.add(new Link("公众", "短信核验", "Public page", "/verify",
        "备案负责人输入短信验证码完成核验,或申请重发短信"));
    if (demoInbox) {
      links.add(new Link("演示", "演示短信收件箱", "Demo SMS inbox", "/dev/sms",
          "内置短信网关发出的短信(演示环境,不发送到真实手机)"));
    }
    links.add(new Link("工作人员", "任务列表 (Tasklist)", "Tasklist", "/camunda/app/tasklist/",
        "核验台代为核验、管局审核备案申请"));
    links.add(new Link("工作人员", "运维监控 (Cockpit)", "Cockpit", "/camunda/app/cockpit/", "在途申请、流程与故障"));
    links.add(new Link("工作人员", "系统管理 (Admin)", "Admin", "/camunda/app/admin/", "用户、分组、租户与授权"));
    links.add(new Link("接入商", "API 文档", "API documentation", "/swagger-ui.html",
        "接入商接口与公开接口(OpenAPI 文档:/v3/api-docs)"));
    return List.copyOf(links);
  }
}
