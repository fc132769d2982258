package cn.beian.verify.sms;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.verification.PhoneNumbers;
import cn.beian.verify.verification.api.PublicApiSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo SMS inbox (API.md §3) of the built-in gateway, over HTTP: decrypted messages, newest first, and a page. */
class DemoInboxApiTest extends PublicApiSupport {

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
  void shouldTellAMalformedPhoneOnThePage() throws Exception {
    // when
    HttpResponse<String> page = get("/dev/sms?phone=%3Cb%3E12");

    // then the error is shown and the input is escaped
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("手机号码格式不正确", "&lt;b&gt;12").doesNotContain("<b>12");
  }
}
