package cn.beian.verify.ops;

import static cn.beian.verify.TestData.last6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestPropertySource;

/**
 * A request's whole path (submit, codes, a wrong ID suffix, a manual resend, a wrong code at the desk, both
 * verifications, the review, the callbacks) seen the way operators see it: the counters move, and the log has one
 * line per business event carrying the request's id and nothing of the people in it.
 */
@ExtendWith(OutputCaptureExtension.class)
// JSON logs (Spring Boot's structured logging, switched on by the property) in a context of its own, closed after.
// Without Camunda's webapps: closing a context that runs them resets their JVM-wide state, which breaks the webapps of
// every context still cached (AdminContainerBootstrap#contextDestroyed); this path needs none of them
@TestPropertySource(properties = {"logging.structured.format.console=ecs", "camunda.bpm.webapp.enabled=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = WholePathObservabilityTest.FreshLogging.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class WholePathObservabilityTest extends OpsTestSupport {

  /**
   * A JVM's logging is set up by the first context only, unless it is cleaned up: cleaned before this class's context
   * starts (which sets it up for JSON) and after it (the next context sets it up again, as text).
   */
  static class FreshLogging implements TestExecutionListener, Ordered {
    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
      LoggingSystem.get(WholePathObservabilityTest.class.getClassLoader()).cleanUp();
    }

    @Override
    public void afterTestClass(TestContext testContext) {
      // Spring Boot hands the format on as a system property, which would outlive the context
      System.clearProperty("CONSOLE_LOG_STRUCTURED_FORMAT");
      LoggingSystem.get(WholePathObservabilityTest.class.getClassLoader()).cleanUp();
    }
  }

  @Test
  void shouldMoveTheCountersAlongARequestsPath() {
    // given the figures before
    List<Sample> before = scrape();

    // when a request goes its whole way
    WholePath path = runWholePath();
    // the provider's last acknowledgement is counted once its answer is back, just after the provider saw the callback
    await().atMost(Duration.ofSeconds(30)).until(
        () -> delta(before, scrape(), "beian_callbacks_delivered_total", "provider", PROVIDER_A) >= 3);
    List<Sample> after = scrape();

    // then every step was counted, by type, province, channel and result
    assertThat(delta(before, after, "beian_filings_submitted_total", "type", "NEW_FILING", "province", "CN-GS"))
        .isEqualTo(1);
    assertThat(delta(before, after, "beian_sms_codes_total", "reason", "FIRST")).isEqualTo(2);
    assertThat(delta(before, after, "beian_sms_codes_total", "reason", "MANUAL_RESEND")).isEqualTo(1);
    assertThat(delta(before, after, "beian_sms_codes_total", "reason", "AUTO_RESEND")).isZero();
    assertThat(delta(before, after, "beian_sms_accepted_seconds_count")).isEqualTo(3);
    assertThat(delta(before, after, "beian_verification_checks_total", "channel", "public", "result", "WRONG_INFO"))
        .isEqualTo(1);
    assertThat(delta(before, after, "beian_verification_checks_total", "channel", "tasklist", "result", "NOT_FOUND"))
        .isEqualTo(1);
    assertThat(delta(before, after, "beian_verification_checks_total", "channel", "tasklist",
        "result", "VERIFIED_PARTIAL")).isEqualTo(1);
    assertThat(delta(before, after, "beian_verification_checks_total", "channel", "public",
        "result", "VERIFIED_COMPLETE")).isEqualTo(1);
    assertThat(delta(before, after, "beian_verification_resend_requests_total", "result", "RESENT")).isEqualTo(1);
    assertThat(delta(before, after, "beian_captcha_tokens_total", "result", "accepted")).isEqualTo(3);
    assertThat(delta(before, after, "beian_verification_completion_seconds_count", "type", "NEW_FILING",
        "province", "CN-GS")).isEqualTo(1);
    assertThat(delta(before, after, "beian_filings_closed_total", "type", "NEW_FILING", "province", "CN-GS",
        "outcome", "APPROVED", "reason", "none")).isEqualTo(1);
    assertThat(delta(before, after, "beian_callbacks_delivered_total", "provider", PROVIDER_A)).isEqualTo(3);
    assertThat(delta(before, after, "beian_callbacks_failed_total", "provider", PROVIDER_A)).isEqualTo(3);
    assertThat(delta(before, after, "beian_trail_events_total", "event", "ATTEMPT_FAILED")).isEqualTo(2);
    assertThat(delta(before, after, "beian_trail_events_total", "event", "VERIFIED")).isEqualTo(2);
    assertThat(delta(before, after, "beian_engine_jobs_executed_total", "result", "success")).isPositive();
    // and no name or tag carries anything of the request or its people
    String exposition = management("/actuator/prometheus").raw().body();
    assertThat(exposition).doesNotContain(path.filingId(), path.submission().requestNo(), path.zhang().phone(),
        path.li().phone(), path.zhang().idNumber(), path.li().idNumber(), "张", "李");
  }

  @Test
  void shouldLogEveryBusinessEventOnceWithTheFilingIdAndNoPersonalData(CapturedOutput output) throws IOException {
    // when a request goes its whole way, logged as JSON
    WholePath path = runWholePath();

    // then every line is a JSON object
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.getOut().split("\n")) {
      if (line.startsWith("{")) {
        lines.add(json.readTree(line));
      }
    }
    assertThat(lines).isNotEmpty();
    // and each entry of the request's trail is one line carrying the request's id, as is each acknowledged callback
    // (the last one is logged once the provider's answer is back, just after the provider saw it)
    List<String> trail = jdbc.queryForList("SELECT event FROM filing_event WHERE filing_id = ? ORDER BY id",
        String.class, path.filingId());
    List<String> expected = new ArrayList<>(trail);
    expected.addAll(List.of("CALLBACK_DELIVERED", "CALLBACK_DELIVERED", "CALLBACK_DELIVERED"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(businessEvents(output, path.filingId()))
        .containsExactlyInAnyOrderElementsOf(expected));
    assertThat(trail).contains("SUBMITTED", "SMS_SENT", "ATTEMPT_FAILED", "RESEND_REQUESTED", "SMS_RESENT", "VERIFIED",
        "UNDER_REVIEW", "REVIEWED", "APPROVED");

    // and nothing anywhere in the output names the people, their documents, their codes or their links
    String all = output.getAll();
    for (String secret : List.of(path.zhang().phone(), path.li().phone(), path.zhang().idNumber(),
        path.li().idNumber(), "张三", "李四", "兰州示例科技有限公司")) {
      assertThat(all).as("the log holds %s", secret).doesNotContain(secret);
    }
    for (String token : path.linkTokens()) {
      assertThat(all).as("the log holds a short-link token").doesNotContain(token);
    }
    // codes and ID suffixes are short: looked for as whole words, not inside a longer id
    for (String word : concat(path.codes(), List.of(last6(path.zhang()), last6(path.li())))) {
      assertThat(Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(word) + "(?![0-9A-Za-z])").matcher(all).find())
          .as("the log holds the code or ID suffix %s", word).isFalse();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** the first word of each business-event line of the request in the JSON log so far */
  private List<String> businessEvents(CapturedOutput output, String filingId) throws IOException {
    List<String> events = new ArrayList<>();
    for (String line : output.getOut().split("\n")) {
      if (line.startsWith("{")) {
        JsonNode entry = json.readTree(line);
        if (filingId.equals(entry.path("filingId").asText(null))
            && entry.path("log").path("logger").asText().endsWith("BusinessEventLog")) {
          events.add(entry.path("message").asText().split(" ")[0]);
        }
      }
    }
    return events;
  }

  private static double delta(List<Sample> before, List<Sample> after, String name, String... labels) {
    return value(after, name, labels) - value(before, name, labels);
  }

}
