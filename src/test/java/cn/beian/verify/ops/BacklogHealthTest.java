package cn.beian.verify.ops;

import static cn.beian.verify.kernel.Timestamps.ts;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.process.SmsVerificationProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;

/**
 * The backlog checks and gauges read what is in the database: an SMS the carrier has not taken for long, a callback
 * no provider acknowledged, an open incident make the health WARN (answered with 200) and never touch readiness.
 */
class BacklogHealthTest extends OpsTestSupport {

  @Test
  void shouldWarnAboutAnSmsWaitingTooLongWithoutTakingTheNodeOutOfReadiness() {
    // given an SMS committed 10 minutes ago that the carrier has not accepted yet
    String id = UUID.randomUUID().toString();
    Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
    jdbc.update("INSERT INTO sms_outbox (id, to_hash, to_masked, to_enc, sender, text_enc, status, attempts, "
        + "next_attempt_at, created_at) VALUES (?, 'h', '138****0000', 'e', '12381', 'e', 'PENDING', 3, ?, ?)",
        id, ts(Instant.now().plus(Duration.ofHours(1))), ts(tenMinutesAgo));
    try {
      // when the management port is asked
      Response health = management("/actuator/health");

      // then the SMS outbox check warns with the backlog, the whole health says WARN with a 200, readiness is UP
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body().get("status").asText()).isEqualTo("WARN");
      JsonNode outbox = health.body().at("/components/smsOutbox");
      assertThat(outbox.get("status").asText()).isEqualTo("WARN");
      assertThat(outbox.at("/details/pending").asLong()).isPositive();
      assertThat(outbox.at("/details/oldestPendingSeconds").asLong()).isGreaterThanOrEqualTo(600);
      assertThat(management("/actuator/health/readiness").body().get("status").asText()).isEqualTo("UP");
      // and the gauges show the same
      assertThat(value(scrape(), "beian_sms_outbox_pending")).isPositive();
      assertThat(value(scrape(), "beian_sms_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(600);
    } finally {
      jdbc.update("UPDATE sms_outbox SET status = 'SENT' WHERE id = ?", id);
    }

    // when it has been handed over
    // then the check is UP again
    assertThat(management("/actuator/health").body().at("/components/smsOutbox/status").asText()).isEqualTo("UP");
  }

  @Test
  void shouldWarnAboutACallbackNoProviderAcknowledged() {
    // given a request and a callback of it waiting for 20 minutes, for a provider without an endpoint here
    String filingId = post("/api/v1/filings", PROVIDER_B_KEY, TestData.newFiling("CN-GS", TestData.person("张三"),
        TestData.person("李四"))).body().get("filingId").asText();
    jdbc.update("INSERT INTO callback_outbox (filing_id, provider_id, body, created_at, attempts, next_attempt_at) "
        + "VALUES (?, 'demo-provider-b', '{}', ?, 4, ?)", filingId, ts(Instant.now().minus(Duration.ofMinutes(20))),
        ts(Instant.now().plus(Duration.ofHours(1))));
    try {
      // when / then
      JsonNode callbacks = management("/actuator/health").body().at("/components/callbackOutbox");
      assertThat(callbacks.get("status").asText()).isEqualTo("WARN");
      assertThat(callbacks.at("/details/waiting").asLong()).isPositive();
      assertThat(value(scrape(), "beian_callbacks_oldest_age_seconds")).isGreaterThanOrEqualTo(1200);
    } finally {
      jdbc.update("UPDATE callback_outbox SET delivered_at = ? WHERE filing_id = ?", ts(Instant.now()), filingId);
    }
    assertThat(management("/actuator/health").body().at("/components/callbackOutbox/status").asText())
        .isEqualTo("UP");
  }

  @Test
  void shouldWarnWhileAnIncidentIsOpenAndCountItByType() {
    // given a request in verification, and an incident raised on its verifier's task
    Person zhang = TestData.person("张三");
    String filingId = post("/api/v1/filings", PROVIDER_B_KEY, TestData.newFiling("CN-GS", zhang, zhang)).body()
        .get("filingId").asText();
    runJobs(filingId);
    String execution = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(filingId)
        .taskDefinitionKey(SmsVerificationProcess.Elements.VERIFY_SMS_CODE).list().get(0).getExecutionId();
    Incident incident = engine.getRuntimeService().createIncident("opsTestIncident", execution, "test");

    // (the engine shows it on the verification and, as its cause, on the calling filing process)
    long open = engine.getRuntimeService().createIncidentQuery().incidentType("opsTestIncident").count();
    assertThat(open).isPositive();

    // when / then the incident check warns and the gauge counts them under their type
    JsonNode incidents = management("/actuator/health").body().at("/components/incidents");
    assertThat(incidents.get("status").asText()).isEqualTo("WARN");
    assertThat(incidents.at("/details/byType/opsTestIncident").asLong()).isEqualTo(open);
    assertThat(value(scrape(), "beian_engine_incidents", "type", "opsTestIncident")).isEqualTo(open);

    // when it is resolved
    engine.getRuntimeService().resolveIncident(incident.getId());

    // then it no longer counts
    assertThat(management("/actuator/health").body().at("/components/incidents/details/byType/opsTestIncident")
        .isMissingNode()).isTrue();
    assertThat(value(scrape(), "beian_engine_incidents", "type", "opsTestIncident")).isZero();
  }
}
