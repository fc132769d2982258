package cn.beian.verify.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus alert rules in docs/ use only metrics that /actuator/prometheus really
 * exports: every metric name in every expression is found in a scrape taken after a request's whole path.
 */
class DashboardAndAlertsTest extends OpsTestSupport {
  private static final Path DASHBOARD = Path.of("docs/grafana/beian-verify-dashboard.json");
  private static final Path ALERTS = Path.of("docs/alerts.yml");
  /** made by Prometheus itself, not by the application */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");
  /** exported only with beian.sms.transport=smpp (SmppEndToEndTest shows them there) */
  private static final Set<String> SMPP_ONLY = Set.of("beian_sms_smsc_bound", "beian_sms_smsc_unbound_seconds");
  private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
      "on", "ignoring", "group_left", "group_right", "inf", "nan");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @Test
  void shouldBuildEveryDashboardPanelOnExportedMetrics() throws IOException {
    // given the exported metrics after a request's whole path
    runWholePath();
    Set<String> exported = exportedNames();

    // when the dashboard's expressions are read
    JsonNode dashboard = json.readTree(DASHBOARD.toFile());
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        continue;
      }
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      assertThat(panel.path("description").asText()).as(panel.path("title").asText()).isNotBlank();
      panel.get("targets").forEach(t -> expressions.add(t.get("expr").asText()));
    }

    // then each of them uses only names the application exports
    assertThat(expressions).hasSizeGreaterThan(25);
    assertUsesOnly(expressions, exported);
    assertThat(dashboard.at("/templating/list/1/query").asText()).contains("beian_filings_submitted_total");
  }

  @Test
  void shouldWriteEveryAlertOnExportedMetrics() throws IOException {
    // given the exported metrics after a request's whole path
    runWholePath();
    Set<String> exported = exportedNames();

    // when the alert rules are read
    Map<String, Object> file;
    try (Reader reader = Files.newBufferedReader(ALERTS)) {
      file = new Yaml().load(reader);
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups = (List<Map<String, Object>>) file.get("groups");
    List<String> expressions = new ArrayList<>();
    for (Map<String, Object> group : groups) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
      for (Map<String, Object> rule : rules) {
        // then every rule is complete: a name, an expression, a severity and what it means
        assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
        assertThat(labels.get("severity")).as(rule.get("alert").toString()).isIn("critical", "warning", "info");
        assertThat(annotations).containsKeys("summary", "description");
        expressions.add(rule.get("expr").toString());
      }
    }

    // and each of them uses only names the application exports
    assertThat(expressions).hasSizeGreaterThan(10);
    assertUsesOnly(expressions, exported);
  }

  private Set<String> exportedNames() {
    Set<String> names = new TreeSet<>();
    scrape().forEach(s -> names.add(s.name()));
    return names;
  }

  private static void assertUsesOnly(List<String> expressions, Set<String> exported) {
    for (String expression : expressions) {
      for (String name : metricNames(expression)) {
        if (!PROMETHEUS_OWN.contains(name) && !SMPP_ONLY.contains(name)) {
          assertThat(exported).as("metric %s of %s", name, expression).contains(name);
        }
      }
    }
  }

  /** the metric names of a PromQL expression: identifiers that are neither functions, keywords nor labels */
  static Set<String> metricNames(String expression) {
    String stripped = expression
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(stripped);
    while (m.find()) {
      String word = m.group();
      int next = m.end();
      while (next < stripped.length() && stripped.charAt(next) == ' ') {
        next++;
      }
      boolean function = next < stripped.length() && stripped.charAt(next) == '(';
      boolean number = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
      if (!function && !number && !PROMQL_WORDS.contains(word)) {
        names.add(word);
      }
    }
    return names;
  }

  @Test
  void shouldTellMetricNamesFromFunctionsLabelsAndKeywords() {
    // given / when / then the reader of expressions finds exactly the metrics
    assertThat(metricNames("sum by (le, uri) (rate(http_server_requests_seconds_bucket{uri=~\"/api/.*\"}[5m]))"))
        .containsExactly("http_server_requests_seconds_bucket");
    assertThat(metricNames("max(a_total) > 0.5 and sum(rate(b_total[10m])) / clamp_min(c, 1) > 1e3"))
        .containsExactly("a_total", "b_total", "c");
  }
}
