package cn.beian.verify.sms;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.security.PageSecurity;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /dev/sms}: the demo inbox as a page (API.md §3), the latest messages to anyone or to one phone.
 * Rendered here as plain HTML: one small table does not justify a template engine or a JS build. On a phone the
 * table's rows become cards (portal/pages.css); the short link in each SMS is a link.
 */
@Controller
@ConditionalOnProperty(name = "beian.sms.transport", havingValue = "builtin", matchIfMissing = true)
public class DemoInboxPage {
  static final int LIMIT = 50;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** a message stored under another data key: marked, never a failed page */
  static final String UNREADABLE = "(无法解密:这条短信不是用本节点的数据密钥加密的)";
  private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
  /** the page's stylesheet and links are same-origin files: nothing inline */
  private static final String POLICY = PageSecurity.SAME_ORIGIN_POLICY;
  /** an http(s) address in escaped text: up to a blank or a full-width character (the SMS continues in Chinese) */
  private static final Pattern URL = Pattern.compile("https?://[\\x21-\\x7e&&[^\"'<>]]+");

  private final DemoInbox inbox;

  public DemoInboxPage(DemoInbox inbox) {
    this.inbox = inbox;
  }

  @GetMapping(path = "/dev/sms", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> page(@RequestParam(required = false) String phone) {
    boolean filtered = phone != null && !phone.isBlank();
    Optional<String> normalized = filtered ? PhoneNumbers.normalize(phone) : Optional.empty();
    if (filtered && normalized.isEmpty()) {
      return PageSecurity.protect(ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(HTML_UTF8), POLICY)
          .body(render(phone, "手机号码格式不正确,应为11位中国大陆手机号码", List.of()));
    }
    List<DemoInboxMessage> messages = normalized.map(p -> inbox.to(p).stream().limit(LIMIT).toList())
        .orElseGet(() -> inbox.latest(LIMIT));
    return PageSecurity.protect(ResponseEntity.ok().contentType(HTML_UTF8), POLICY)
        .body(render(filtered ? phone : "", null, messages));
  }

  private static String render(String phone, String error, List<DemoInboxMessage> messages) {
    StringBuilder html = new StringBuilder(4096).append("""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="UTF-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>演示短信收件箱</title>
        <link rel="stylesheet" href="/portal/pages.css">
        </head>
        <body>
        <header class="top">
        <h1>演示短信收件箱</h1>
        <p class="sub">内置短信网关(演示模式)发出的短信都在这里,不会发送到真实手机。接入真实短信网关后本页关闭。</p>
        </header>
        <main class="page">
        <form class="card filter" method="get" action="/dev/sms">
        <label for="phone">手机号码</label>
        <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="off" maxlength="20" value=\"""")
        .append(htmlEscape(phone)).append("""
        " aria-describedby="phone-hint">
        <button type="submit">筛选</button>
        <a class="all" href="/dev/sms">显示全部</a>
        <p id="phone-hint" class="note">输入11位手机号码,只看发给该号码的短信。</p>
        </form>
        """);
    if (error != null) {
      html.append("<p class=\"error\" role=\"alert\">").append(htmlEscape(error)).append("</p>\n");
    }
    html.append("<p class=\"note\" role=\"status\">最近 ").append(messages.size()).append(" 条短信(最多显示 ")
        .append(LIMIT).append(" 条,最新的在前)</p>\n");
    html.append("<table class=\"inbox\">\n<thead><tr><th scope=\"col\">收件人</th><th scope=\"col\">发送方</th>"
        + "<th scope=\"col\">内容</th><th scope=\"col\">发送时间</th></tr></thead>\n<tbody>\n");
    if (messages.isEmpty()) {
      html.append("<tr><td colspan=\"4\">暂无短信</td></tr>\n");
    }
    for (DemoInboxMessage m : messages) {
      html.append("<tr class=\"sms\"><td data-label=\"收件人\">").append(htmlEscape(m.toMasked()))
          .append("</td><td data-label=\"发送方\">").append(htmlEscape(m.from()));
      if (m.readable()) {
        html.append("</td><td data-label=\"内容\" class=\"text\">").append(linked(m.text()));
      } else {
        html.append("</td><td data-label=\"内容\" class=\"text unreadable\">").append(UNREADABLE);
      }
      html.append("</td><td data-label=\"发送时间\"><time datetime=\"").append(htmlEscape(m.sentAt())).append("\">")
          .append(OffsetDateTime.parse(m.sentAt()).format(TIME)).append("</time></td></tr>\n");
    }
    return html.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n").toString();
  }

  /** the text escaped, its web addresses (the SMS short link) made links a demo user can tap */
  static String linked(String text) {
    Matcher url = URL.matcher(htmlEscape(text));
    StringBuilder out = new StringBuilder();
    while (url.find()) {
      url.appendReplacement(out, Matcher.quoteReplacement(
          "<a href=\"" + url.group() + "\" rel=\"noreferrer\">" + url.group() + "</a>"));
    }
    return url.appendTail(out).toString();
  }
}
