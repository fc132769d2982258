package cn.beian.verify.filing.api;

import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission;
import org.junit.jupiter.api.Test;

/** API keys (401) and provider isolation (404): a provider sees and touches only its own requests. */
@SharedHttpContext
class FilingApiAccessTest extends HttpTestSupport {

  @Test
  void shouldRefuseACallWithoutAnApiKey() {
    // given
    FilingSubmission submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));

    // when
    Response response = post("/api/v1/filings", null, submission);

    // then 401, nothing stored
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("title").asText()).isEqualTo("未认证");
    assertThat(response.body().get("detail").asText()).contains("X-Api-Key");
    assertThat(response.body().get("status").asInt()).isEqualTo(401);
    assertThat(storedWithRequestNo(submission.requestNo())).isZero();
    assertThat(smsTo(submission.entity().principal().phone())).isEmpty();
  }

  @Test
  void shouldRefuseAnUnknownApiKey() {
    FilingSubmission submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));

    Response post = post("/api/v1/filings", "not-a-provider-key", submission);

    assertThat(post.status()).isEqualTo(401);
    assertThat(post.body().get("detail").asText()).isEqualTo("接入商API密钥无效,请检查请求头 X-Api-Key。");
    assertThat(storedWithRequestNo(submission.requestNo())).isZero();
    // a key that differs in case is another key
    assertThat(get("/api/v1/filings/anything", "DEMO-PROVIDER-A-KEY").status()).isEqualTo(401);
  }

  @Test
  void shouldAnswerNotFoundForAnotherProvidersRequest() {
    // given a request of provider A
    FilingSubmission submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));
    String filingId = post("/api/v1/filings", PROVIDER_A_KEY, submission).body().get("filingId").asText();

    // when provider B looks for it or tries to withdraw it
    Response byId = get("/api/v1/filings/" + filingId, PROVIDER_B_KEY);
    Response byRequestNo = get("/api/v1/filings?requestNo=" + submission.requestNo(), PROVIDER_B_KEY);
    Response withdrawal = delete("/api/v1/filings/" + filingId, PROVIDER_B_KEY);

    // then B is told exactly what a missing request tells, and A's request is untouched
    for (Response response : new Response[] {byId, byRequestNo, withdrawal}) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.body().get("title").asText()).isEqualTo("备案申请不存在");
      assertThat(response.body().toString()).doesNotContain(submission.requestNo()).doesNotContain("VERIFYING");
    }
    assertThat(byId.body().get("detail")).isEqualTo(get("/api/v1/filings/no-such-filing", PROVIDER_B_KEY).body().get("detail"));
    assertThat(get("/api/v1/filings/" + filingId, PROVIDER_A_KEY).body().get("status").asText()).isEqualTo("VERIFYING");
  }

  @Test
  void shouldKeepRequestNumbersOfDifferentProvidersApart() {
    // given provider A's request
    FilingSubmission submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));
    String aFilingId = post("/api/v1/filings", PROVIDER_A_KEY, submission).body().get("filingId").asText();

    // when provider B uses the same requestNo for a request of its own
    Response b = post("/api/v1/filings", PROVIDER_B_KEY, submission);

    // then it is B's own new request
    assertThat(b.status()).isEqualTo(201);
    assertThat(b.body().get("filingId").asText()).isNotEqualTo(aFilingId);
    assertThat(storedWithRequestNo(submission.requestNo())).isEqualTo(2);
    assertThat(get("/api/v1/filings?requestNo=" + submission.requestNo(), PROVIDER_B_KEY).body().get("filingId").asText())
        .isEqualTo(b.body().get("filingId").asText());
  }

  private int storedWithRequestNo(String requestNo) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM filing WHERE request_no = ?", Integer.class, requestNo);
  }
}
