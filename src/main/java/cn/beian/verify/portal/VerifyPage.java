package cn.beian.verify.portal;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import cn.beian.verify.kernel.Texts;
import cn.beian.verify.security.PageSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public 备案短信核验 page (docs/http-contract.md §2): {@code GET /verify}, and {@code GET /v/{token}} from the SMS with
 * the phone filled in. One HTML file with a small script and stylesheet; only the phone and a note are put in here.
 */
@Controller
public class VerifyPage {
  static final String DEAD_LINK = Texts.text("portal.link.dead");
  private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private final ShortLinks links;
  private final String template;

  public VerifyPage(ShortLinks links) {
    this.links = links;
    try (InputStream in = new ClassPathResource("portal/verify.html").getInputStream()) {
      this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("portal/verify.html missing", e);
    }
  }

  @GetMapping(path = "/verify", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> verify() {
    return page("", null);
  }

  @GetMapping(path = "/v/{token}", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> shortLink(@PathVariable String token) {
    Optional<String> phone = links.phoneOf(token);
    return page(phone.orElse(""), phone.isPresent() ? null : DEAD_LINK);
  }

  private ResponseEntity<String> page(String phone, String notice) {
    String html = template.replace("{{phone}}", htmlEscape(phone))
        .replace("{{notice}}", notice == null ? "" : htmlEscape(notice))
        .replace("{{noticeHidden}}", notice == null ? "hidden" : "");
    // the page may carry a phone number: never cached, and the link's token never leaks as a referrer
    // and it is never framed (the slider could be clickjacked) nor runs anything but its own script
    return PageSecurity.protect(ResponseEntity.ok().contentType(HTML_UTF8).cacheControl(CacheControl.noStore())
        .header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff"),
            PageSecurity.SAME_ORIGIN_POLICY)
        .body(html);
  }
}
