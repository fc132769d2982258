package cn.beian.verify.sms;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.kernel.Texts;
import cn.beian.verify.security.PageSecurity;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /dev/sms}: the demo inbox as a page (docs/http-contract.md §3), the latest messages to anyone or to one phone.
 * Rendered here as plain HTML: one small table does not justify a template engine or a JS build. On a phone the
 * table's rows become cards (portal/pages.css); the short link in each SMS is a link.
 */
@Controller
@ConditionalOnProperty(name = "beian.sms.transport", havingValue = "builtin", matchIfMissing = true)
public class DemoInboxPage {
  static final int LIMIT = 50;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  /** a message stored under another data key: marked, never a failed page */
  static final String UNREADABLE = Texts.text("sms.inbox.unreadable");
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
  public ResponseEntity<?> page(@RequestParam(required = false) String phone) {
    boolean filtered = phone != null && !phone.isBlank();
    Optional<String> normalized = filtered ? PhoneNumbers.normalize(phone) : Optional.empty();
    if (filtered && normalized.isEmpty()) {
      // the form's own pattern stops a person's typo in the browser; whatever else arrives is refused as everywhere
      ResponseEntity<Object> refusal = DemoInboxController.badPhone(phone);
      return PageSecurity.protect(ResponseEntity.status(refusal.getStatusCode()).headers(refusal.getHeaders()), POLICY)
          .body(refusal.getBody());
    }
    List<DemoInboxMessage> messages = normalized.map(p -> inbox.to(p).stream().limit(LIMIT).toList())
        .orElseGet(() -> inbox.latest(LIMIT));
    return PageSecurity.protect(ResponseEntity.ok().contentType(HTML_UTF8), POLICY)
        .body(render(filtered ? phone : "", messages));
  }

  private static String render(String phone, List<DemoInboxMessage> messages) {
    String to = Texts.text("sms.inbox.to");
    String from = Texts.text("sms.inbox.from");
    String text = Texts.text("sms.inbox.text");
    String sentAt = Texts.text("sms.inbox.sentAt");
    StringBuilder html = new StringBuilder(4096).append("""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="UTF-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>""").append(Texts.text("sms.inbox.title")).append("""
        </title>
        <link rel="stylesheet" href="/portal/pages.css">
        </head>
        <body>
        <header class="top">
        <h1>""").append(Texts.text("sms.inbox.title")).append("</h1>\n<p class=\"sub\">")
        .append(Texts.text("sms.inbox.sub")).append("""
        </p>
        </header>
        <main class="page">
        <form class="card filter" method="get" action="/dev/sms">
        <label for="phone">""").append(Texts.text("sms.inbox.phone")).append("""
        </label>
        <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="off" maxlength="20"
        pattern="\\s*(\\+?86)?[\\s-]*1[3-9][\\d\\s-]{9,13}" title=\"""").append(Texts.text("sms.inbox.phone.title")).append("\" value=\"")
        .append(htmlEscape(phone)).append("\" aria-describedby=\"phone-hint\">\n<button type=\"submit\">")
        .append(Texts.text("sms.inbox.filter")).append("</button>\n<a class=\"all\" href=\"/dev/sms\">")
        .append(Texts.text("sms.inbox.all")).append("</a>\n<p id=\"phone-hint\" class=\"note\">")
        .append(Texts.text("sms.inbox.hint")).append("</p>\n</form>\n");
    html.append("<p class=\"note\" role=\"status\">").append(Texts.text("sms.inbox.count", messages.size(), LIMIT))
        .append("</p>\n");
    html.append("<table class=\"inbox\">\n<thead><tr><th scope=\"col\">").append(to).append("</th><th scope=\"col\">")
        .append(from).append("</th><th scope=\"col\">").append(text).append("</th><th scope=\"col\">").append(sentAt)
        .append("</th></tr></thead>\n<tbody>\n");
    if (messages.isEmpty()) {
      html.append("<tr><td colspan=\"4\">").append(Texts.text("sms.inbox.empty")).append("</td></tr>\n");
    }
    for (DemoInboxMessage m : messages) {
      html.append("<tr class=\"sms\"><td data-label=\"").append(to).append("\">").append(htmlEscape(m.toMasked()))
          .append("</td><td data-label=\"").append(from).append("\">").append(htmlEscape(m.from()));
      if (m.readable()) {
        html.append("</td><td data-label=\"").append(text).append("\" class=\"text\">").append(linked(m.text()));
      } else {
        html.append("</td><td data-label=\"").append(text).append("\" class=\"text unreadable\">").append(UNREADABLE);
      }
      html.append("</td><td data-label=\"").append(sentAt).append("\"><time datetime=\"").append(htmlEscape(m.sentAt()))
          .append("\">").append(OffsetDateTime.parse(m.sentAt()).format(TIME)).append("</time></td></tr>\n");
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
