package cn.beian.verify.sms;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import cn.beian.verify.verification.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /dev/sms}: the demo inbox as a page (API.md §3), the latest messages to anyone or to one phone.
 * Rendered here as plain HTML: one small table does not justify a template engine or a JS build.
 */
@Controller
@ConditionalOnProperty(name = "beian.sms.transport", havingValue = "builtin", matchIfMissing = true)
public class DemoInboxPage {
  static final int LIMIT = 50;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** a message stored under another data key: marked, never a failed page */
  static final String UNREADABLE = "(无法解密:这条短信不是用本节点的数据密钥加密的)";
  private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private final DemoInbox inbox;

  public DemoInboxPage(DemoInbox inbox) {
    this.inbox = inbox;
  }

  @GetMapping(path = "/dev/sms", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> page(@RequestParam(required = false) String phone) {
    boolean filtered = phone != null && !phone.isBlank();
    Optional<String> normalized = filtered ? PhoneNumbers.normalize(phone) : Optional.empty();
    if (filtered && normalized.isEmpty()) {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(HTML_UTF8)
          .body(render(phone, "手机号码格式不正确,应为11位中国大陆手机号码", List.of()));
    }
    List<DemoInboxMessage> messages = normalized.map(p -> inbox.to(p).stream().limit(LIMIT).toList())
        .orElseGet(() -> inbox.latest(LIMIT));
    return ResponseEntity.ok().contentType(HTML_UTF8).body(render(filtered ? phone : "", null, messages));
  }

  private static String render(String phone, String error, List<DemoInboxMessage> messages) {
    StringBuilder html = new StringBuilder(4096).append("""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="UTF-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>演示短信收件箱</title>
        <style>
        body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem;color:#222}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:left;vertical-align:top}
        th{background:#f3f3f3}td.text{white-space:pre-wrap;word-break:break-all}td.unreadable{color:#666;font-style:italic}.error{color:#b00020}.note{color:#666}
        </style>
        </head>
        <body>
        <h1>演示短信收件箱</h1>
        <p class="note">内置短信网关(演示模式)发出的短信都在这里,不会发送到真实手机。接入真实短信网关后本页关闭。</p>
        <form method="get" action="/dev/sms">
        <label>手机号码 <input name="phone" inputmode="tel" maxlength="20" value=\"""")
        .append(htmlEscape(phone)).append("""
        "></label>
        <button type="submit">筛选</button> <a href="/dev/sms">显示全部</a>
        </form>
        """);
    if (error != null) {
      html.append("<p class=\"error\" role=\"alert\">").append(htmlEscape(error)).append("</p>\n");
    }
    html.append("<p>最近 ").append(messages.size()).append(" 条短信(最多显示 ").append(LIMIT).append(" 条,最新的在前)</p>\n");
    html.append("<table>\n<thead><tr><th>收件人</th><th>发送方</th><th>内容</th><th>发送时间</th></tr></thead>\n<tbody>\n");
    if (messages.isEmpty()) {
      html.append("<tr><td colspan=\"4\">暂无短信</td></tr>\n");
    }
    for (DemoInboxMessage m : messages) {
      html.append("<tr><td>").append(htmlEscape(m.toMasked()))
          .append("</td><td>").append(htmlEscape(m.from()));
      if (m.readable()) {
        html.append("</td><td class=\"text\">").append(htmlEscape(m.text()));
      } else {
        html.append("</td><td class=\"text unreadable\">").append(UNREADABLE);
      }
      html.append("</td><td><time datetime=\"").append(htmlEscape(m.sentAt())).append("\">")
          .append(OffsetDateTime.parse(m.sentAt()).format(TIME)).append("</time></td></tr>\n");
    }
    return html.append("</tbody>\n</table>\n</body>\n</html>\n").toString();
  }
}
