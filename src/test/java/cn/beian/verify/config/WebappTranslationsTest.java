package cn.beian.verify.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product's Chinese translation of each Camunda webapp (META-INF/resources/webjars/camunda/app/<app>/locales/
 * zh.json) covers every string of the English file the webapp itself ships (read from the webjar on the classpath),
 * keeps every {{placeholder}} and HTML tag, and leaves no English behind: an upgrade of Camunda that adds strings
 * fails here instead of showing English keys to bureau staff.
 */
class WebappTranslationsTest {
  private static final String APPS = "META-INF/resources/webjars/camunda/app/";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s|]+)");
  /** HTML the strings carry (not the pseudo-tags of {@code <null>}, which are text) */
  private static final Pattern TAG = Pattern.compile("</?(a|b|br|code|div|em|i|li|p|span|strong|ul)[\\s>/]");
  /** English that stays: product names, formats, symbols */
  private static final Pattern ALLOWED_LATIN = Pattern.compile(
      "Camunda|Cockpit|Tasklist|Admin|Welcome|Platform|BPMN|DMN|CMMN|DRD|JSON|CSV|LDAP|Java|ID|API|URL|HTTP|CTRL|Ctrl|"
          + "FNI|EDE|TU|PI|yyyy-MM-ddTHH:mm:ss|YYYY-MM-DDTHH:mm:ss|like|null|true|false|Promise|resolve|Spin|XML|"
          + "Base64|UTC|Key|Tenant|Worker|CE|Web|EDI|UTW|dmn|\\w*\\.\\w+");
  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void shouldTranslateEveryStringTheWebappShows(String app) throws IOException {
    // given the English strings of the webjar and the product's Chinese file
    JsonNode english = read(webjarFile(APPS + app + "/locales/en.json")).get("labels");
    JsonNode chinese = read(productFile(APPS + app + "/locales/zh.json")).get("labels");

    // then every key is there, with its placeholders and tags, in Chinese
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = english.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey(), en = entry.getValue().asText();
      JsonNode zhNode = chinese.get(key);
      // a plural suffix ("s") has no Chinese counterpart: it may be blank, nothing else may
      if (zhNode == null || (en.strip().length() > 1 && zhNode.asText().isBlank())) {
        problems.add("missing " + key);
        continue;
      }
      String zh = zhNode.asText();
      if (!all(PLACEHOLDER, en).equals(all(PLACEHOLDER, zh))) {
        problems.add("placeholders of " + key + ": " + zh);
      }
      if (!key.equals("BANNER_CE_EOL_TEXT") && !all(TAG, en).equals(all(TAG, zh))) {
        problems.add("tags of " + key + ": " + zh);
      }
      String latin = ALLOWED_LATIN.matcher(zh.replaceAll("<[^>]*>|\\{\\{[^}]*}}|&[a-z]+;", "")).replaceAll("");
      if (!key.equals("APP_VENDOR") && latin.matches("(?s).*[A-Za-z]{3,}.*")) {
        problems.add("English left in " + key + ": " + zh);
      }
    }
    assertThat(problems).as(app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void shouldOfferOnlySimplifiedChineseAndTheProductsNameAndHideTheEndOfLifeBanner(String app) throws IOException {
    String config = text(productFile(APPS + app + "/scripts/config.js"));
    assertThat(config).contains("availableLocales: ['zh']", "fallbackLocale: 'zh'", "vendor: '备案短信核验'");
    assertThat(text(productFile(APPS + app + "/styles/user-styles.css")))
        .contains("@import url(\"../../beian/webapps.css\");");
    assertThat(text(productFile(APPS + "beian/webapps.css")))
        .containsPattern("\\.ce-eol-banner \\{\\s*display: none !important;");
    if (app.equals("tasklist")) {
      assertThat(config).contains("customScripts: ['beian/tasklist']");
    }
  }

  private static TreeSet<String> all(Pattern pattern, String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** the file of the Camunda webjar (not the product's copy of the same path) */
  private static URL webjarFile(String path) throws IOException {
    for (URL url : Collections.list(WebappTranslationsTest.class.getClassLoader().getResources(path))) {
      if (url.toString().contains("camunda-webapp-webjar")) {
        return url;
      }
    }
    throw new AssertionError(path + " not in the Camunda webjar");
  }

  /** the product's file, which comes first on the classpath and so is the one the webapps load */
  private static URL productFile(String path) {
    URL url = WebappTranslationsTest.class.getClassLoader().getResource(path);
    assertThat(url).as(path).isNotNull();
    assertThat(url.toString()).as(path + " is the product's").doesNotContain("camunda-webapp-webjar");
    return url;
  }

  private JsonNode read(URL url) throws IOException {
    return json.readTree(text(url).replace("\uFEFF", ""));
  }

  private static String text(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
