package cn.beian.verify.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Health and metrics answer on the management port only; the public port serves none of /actuator/**. */
class ManagementPortTest extends OpsTestSupport {

  @ParameterizedTest
  @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
      "/actuator/prometheus", "/actuator/metrics", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
      "/actuator/threaddump", "/actuator/loggers", "/actuator/info", "/actuator/mappings", "/actuator/configprops",
      "/actuator/shutdown", "/actuator/health/db", "/actuator/prometheus?includedNames=jvm_info"})
  void shouldServeNothingOfTheActuatorOnThePublicPort(String path) {
    // when anyone asks the public port for an actuator endpoint
    Response response = publicGet(path);

    // then it is not there
    assertThat(response.status()).as(path).isEqualTo(404);
    assertThat(response.raw().body()).doesNotContain("\"status\":\"UP\"").doesNotContain("jvm_").doesNotContain("# HELP");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/threaddump",
      "/actuator/loggers", "/actuator/configprops", "/actuator/shutdown", "/actuator/metrics", "/actuator/mappings"})
  void shouldExposeOnlyHealthAndPrometheusOnTheManagementPort(String path) {
    // when the management port is asked for anything else (configuration, memory, threads, beans)
    // then it is not exposed there either
    assertThat(management(path).status()).as(path).isEqualTo(404);
  }

  @Test
  void shouldAnswerHealthProbesAndPrometheusOnTheManagementPort() {
    // when the orchestrator probes and Prometheus scrapes the management port
    Response liveness = management("/actuator/health/liveness");
    Response readiness = management("/actuator/health/readiness");
    Response health = management("/actuator/health");
    Response prometheus = management("/actuator/prometheus");

    // then liveness looks only at the JVM, readiness at what this node needs to work (no SMSC with the built-in
    // transport), and the whole health lists every check
    assertThat(liveness.status()).isEqualTo(200);
    assertThat(componentNames(liveness.body())).containsExactly("livenessState");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.body().get("status").asText()).isEqualTo("UP");
    assertThat(componentNames(readiness.body()))
        .containsExactlyInAnyOrder("readinessState", "db", "processEngine", "jobExecutor");
    assertThat(componentNames(health.body())).contains("db", "processEngine", "jobExecutor", "smsOutbox",
        "callbackOutbox", "incidents", "livenessState", "readinessState").doesNotContain("smsc");
    assertThat(health.body().at("/components/processEngine/status").asText()).isEqualTo("UP");
    // this node is configured to execute no jobs (tests run them by hand): that is not a failure
    assertThat(health.body().at("/components/jobExecutor/status").asText()).isEqualTo("UP");
    assertThat(health.body().at("/components/jobExecutor/details/enabled").asBoolean()).isFalse();
    // and Prometheus gets the text exposition
    assertThat(prometheus.status()).isEqualTo(200);
    assertThat(prometheus.contentType()).startsWith("text/plain");
    assertThat(prometheus.raw().body()).contains("# TYPE beian_engine_jobs_executable gauge");
  }

  @Test
  void shouldServeNoneOfTheApplicationOnTheManagementPort() {
    // when the management port is asked for the product's pages and APIs
    // then they are only on the public port
    assertThat(management("/api/v1/filings").status()).isEqualTo(404);
    assertThat(management("/verify").status()).isEqualTo(404);
    assertThat(management("/engine-rest/engine").status()).isEqualTo(404);
  }

  private static List<String> componentNames(JsonNode health) {
    List<String> names = new ArrayList<>();
    health.path("components").fieldNames().forEachRemaining(names::add);
    return names;
  }
}
