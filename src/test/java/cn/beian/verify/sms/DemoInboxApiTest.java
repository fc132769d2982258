package cn.beian.verify.sms;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.kernel.PersonalDataCipher;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.kernel.Timestamps;
import cn.beian.verify.verification.api.PublicApiSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo SMS inbox (docs/http-contract.md §3) of the built-in gateway, over HTTP: decrypted messages, newest first, and a page. */
@ExtendWith(OutputCaptureExtension.class)
class DemoInboxApiTest extends PublicApiSupport {
  @Autowired JdbcTemplate jdbc;

  @Test
  void shouldListTheMessagesToAPhoneNewestFirst() throws Exception {
    // given a first code and a resent one
    Person zhang = person("张三");
    String filingId = submitAndSend(zhang, person("李四"));
    String firstCode = latestCode(zhang.phone());
    resend(zhang.phone(), last6(zhang));
    runJobs(filingId);

    // when
    JsonNode messages = inbox(zhang.phone());

    // then both messages, decrypted, the resent one first; only the documented fields
    assertThat(messages).hasSize(2);
    JsonNode newest = messages.get(0);
    assertThat(newest.properties()).extracting(e -> e.getKey()).containsExactly("to", "from", "text", "sentAt");
    assertThat(newest.get("to").asText()).isEqualTo(zhang.phone());
    assertThat(newest.get("from").asText()).isEqualTo("106575000130");
    assertThat(codeIn(newest.get("text").asText())).isNotEqualTo(firstCode);
    assertThat(codeIn(messages.get(1).get("text").asText())).isEqualTo(firstCode);
    OffsetDateTime newestAt = OffsetDateTime.parse(newest.get("sentAt").asText());
    OffsetDateTime firstAt = OffsetDateTime.parse(messages.get(1).get("sentAt").asText());
    assertThat(newestAt.getOffset()).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(newestAt).isAfterOrEqualTo(firstAt);
  }

  @Test
  void shouldAcceptThePhoneWithCountryCodeAndSpaces() throws Exception {
    // given
    Person zhang = person("张三");
    submitAndSend(zhang, person("李四"));

    // when
    JsonNode messages = inbox("+86 " + zhang.phone());

    // then
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).get("to").asText()).isEqualTo(zhang.phone());
  }

  @Test
  void shouldRefuseAMalformedPhoneWithAProblem() throws Exception {
    for (String query : new String[] {"?phone=12345", "?phone=", ""}) {
      // when
      HttpResponse<String> response = get("/api/v1/dev/sms" + query);

      // then
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/problem+json"));
      JsonNode problem = json.readTree(response.body());
      assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("phone");
      assertThat(problem.get("errors").get(0).get("message").asText()).isNotBlank();
    }
  }

  @Test
  void shouldShowTheLatestMessagesOnAPageWithThePhoneMasked() throws Exception {
    // given
    Person zhang = person("张三");
    submitAndSend(zhang, person("李四"));
    String code = latestCode(zhang.phone());

    // when
    HttpResponse<String> all = get("/dev/sms");
    HttpResponse<String> filtered = get("/dev/sms?phone=" + zhang.phone());

    // then
    for (HttpResponse<String> page : List.of(all, filtered)) {
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(page.body()).contains("演示短信收件箱", PhoneNumbers.mask(zhang.phone()), code);
    }
    assertThat(filtered.body()).doesNotContain("<td data-label=\"收件人\">" + zhang.phone());
    assertThat(filtered.body()).containsOnlyOnce("<tr class=\"sms\">");
    // the short link in the SMS is a link, to this server's own port
    assertThat(filtered.body()).contains("<a href=\"http://localhost:" + port + "/v/");
  }

  @Test
  void shouldRefuseAMalformedPhoneOnThePageWithAProblemThatEchoesNothing() throws Exception {
    // when a phone the page's own form would not send arrives
    HttpResponse<String> page = get("/dev/sms?phone=%3Cb%3E12");

    // then it is refused like everywhere else: a problem naming the field, the input not echoed
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(page.body());
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("phone");
    assertThat(problem.get("detail").asText()).contains("手机号码格式不正确");
    assertThat(page.body()).doesNotContain("<b>", "12");
  }

  @Test
  void shouldLetTheBrowserCheckThePhoneBeforeTheFormIsSent() throws Exception {
    // when
    HttpResponse<String> page = get("/dev/sms");

    // then the form's field carries a pattern the browser enforces, so a person's typo never reaches the server
    assertThat(page.body()).containsPattern("<input id=\"phone\"[^>]*pattern=\"[^\"]+\"[^>]*title=\"11位中国大陆手机号码\"");
  }

  @Test
  void shouldShowTheInboxWithAMessageItCannotDecryptMarkedAndLoggedWithoutPersonalData(CapturedOutput output)
      throws Exception {
    // given a phone with a readable message and one sealed under another data key (another node's, or damaged),
    // the newest of all so that the page of the latest messages shows it too
    Person zhang = person("张三");
    submitAndSend(zhang, person("李四"));
    String code = latestCode(zhang.phone());
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    PersonalDataCipher otherNode = new PersonalDataCipher(otherKey);
    String unreadableId = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO sms_message (id, to_hash, to_masked, to_enc, sender, text_enc, sent_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)", unreadableId, hashes.phone(zhang.phone()), PhoneNumbers.mask(zhang.phone()),
        otherNode.encrypt(zhang.phone()), "106575000130", otherNode.encrypt("验证码为654321"),
        Timestamps.ts(Instant.parse("2099-01-01T00:00:00Z")));

    // when
    HttpResponse<String> all = get("/dev/sms");
    HttpResponse<String> filtered = get("/dev/sms?phone=" + zhang.phone());
    HttpResponse<String> api = get("/api/v1/dev/sms?phone=" + zhang.phone());

    // then the pages answer, with the message marked and the readable one intact
    for (HttpResponse<String> page : List.of(all, filtered)) {
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains(DemoInboxPage.UNREADABLE);
    }
    assertThat(filtered.body()).contains(code).doesNotContain("654321");
    // the API lists what it can read
    assertThat(api.statusCode()).isEqualTo(200);
    JsonNode messages = json.readTree(api.body());
    assertThat(messages).hasSize(1);
    assertThat(codeIn(messages.get(0).get("text").asText())).isEqualTo(code);
    // and the log names the message, never the person
    assertThat(output.getOut()).contains("SMS " + unreadableId + " in the demo inbox cannot be decrypted")
        .doesNotContain(zhang.phone());
  }
}
