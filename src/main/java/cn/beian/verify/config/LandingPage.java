package cn.beian.verify.config;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /}: what the product offers to whom, with a link to each page (instead of Camunda's welcome login). */
@Controller
public class LandingPage {
  private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private final String html;

  public LandingPage(ProductLinks links, Environment environment) {
    String template = resource("portal/landing.html");
    // the demo profile's accounts (process/identity/DemoAccounts), never shown in another profile
    boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
    this.html = template.replace("{{sections}}", sections(links.all()))
        .replace("{{demo}}", demo ? resource("portal/landing-demo.html") : "");
  }

  private static String resource(String path) {
    try (InputStream in = new ClassPathResource(path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(path + " missing", e);
    }
  }

  @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> landing() {
    return ResponseEntity.ok().contentType(HTML_UTF8).body(html);
  }

  private static String sections(List<ProductLinks.Link> links) {
    Map<String, StringBuilder> byAudience = new LinkedHashMap<>();
    for (ProductLinks.Link link : links) {
      byAudience.computeIfAbsent(link.audience(), a -> new StringBuilder())
          .append("<li><a href=\"").append(htmlEscape(link.path())).append("\">").append(htmlEscape(link.name()))
          .append("</a><span class=\"note\">").append(htmlEscape(link.note())).append("</span></li>\n");
    }
    StringBuilder html = new StringBuilder();
    byAudience.forEach((audience, items) -> html.append("<section class=\"card\">\n<h2>").append(htmlEscape(audience))
        .append("</h2>\n<ul class=\"links\">\n").append(items).append("</ul>\n</section>\n"));
    return html.toString();
  }
}
