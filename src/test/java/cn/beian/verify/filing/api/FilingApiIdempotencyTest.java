package cn.beian.verify.filing.api;

import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission.Entity;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.process.FilingProcess;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** requestNo is the provider's idempotency key (docs/http-contract.md §1). */
@SharedHttpContext
class FilingApiIdempotencyTest extends HttpTestSupport {

  @Test
  void shouldReturnTheExistingRequestWhenTheSameBodyComesAgain() {
    // given a submitted request whose SMS went out
    FilingSubmission submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));
    Response first = post("/api/v1/filings", PROVIDER_A_KEY, submission);
    String filingId = first.body().get("filingId").asText();
    runJobs(filingId);

    // when the provider sends it again
    Response repeat = post("/api/v1/filings", PROVIDER_A_KEY, submission);
    runJobs(filingId);

    // then 200 with the same request; nothing new stored, started or sent
    assertThat(first.status()).isEqualTo(201);
    assertThat(repeat.status()).as(repeat.raw().body()).isEqualTo(200);
    assertThat(repeat.body().get("filingId").asText()).isEqualTo(filingId);
    assertThat(repeat.body().get("status").asText()).isEqualTo("VERIFYING");
    assertThat(storedWithRequestNo(submission.requestNo())).isOne();
    assertThat(processInstancesOf(filingId)).isOne();
    assertThat(smsTo(submission.entity().principal().phone())).hasSize(1);
  }

  @Test
  void shouldRefuseTheSameRequestNoWithADifferentBody() {
    // given
    FilingSubmission submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));
    String filingId = post("/api/v1/filings", PROVIDER_A_KEY, submission).body().get("filingId").asText();
    FilingSubmission changed = new FilingSubmission(submission.requestNo(), submission.type(), submission.province(),
        submission.serviceType(), new Entity("另一家公司", submission.entity().principal()), submission.websites(), null);

    // when
    Response conflict = post("/api/v1/filings", PROVIDER_A_KEY, changed);

    // then
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).startsWith("application/problem+json");
    assertThat(conflict.body().get("title").asText()).isEqualTo("申请编号冲突");
    assertThat(conflict.body().get("detail").asText()).contains(submission.requestNo(), "申请内容不同");
    assertThat(storedWithRequestNo(submission.requestNo())).isOne();
    assertThat(get("/api/v1/filings?requestNo=" + submission.requestNo(), PROVIDER_A_KEY).body().get("filingId").asText())
        .isEqualTo(filingId);
  }

  @Test
  void shouldStoreOneRequestWhenTwoIdenticalSubmissionsArriveAtOnce() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        // given two threads holding the same submission
        FilingSubmission submission = TestData.newFiling("CN-GS", person("张三"), person("李四"));
        CyclicBarrier start = new CyclicBarrier(2);

        // when both send it at the same moment
        List<Future<Response>> sent = List.of(
            threads.submit(() -> {
              start.await(10, TimeUnit.SECONDS);
              return post("/api/v1/filings", PROVIDER_A_KEY, submission);
            }),
            threads.submit(() -> {
              start.await(10, TimeUnit.SECONDS);
              return post("/api/v1/filings", PROVIDER_A_KEY, submission);
            }));
        Response one = sent.get(0).get(60, TimeUnit.SECONDS);
        Response other = sent.get(1).get(60, TimeUnit.SECONDS);

        // then one created it, the other got it back: one row, one process
        assertThat(List.of(one.status(), other.status())).as(one.raw().body() + " / " + other.raw().body())
            .containsExactlyInAnyOrder(201, 200);
        String filingId = one.body().get("filingId").asText();
        assertThat(other.body().get("filingId").asText()).isEqualTo(filingId);
        assertThat(storedWithRequestNo(submission.requestNo())).isOne();
        assertThat(processInstancesOf(filingId)).isOne();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private int storedWithRequestNo(String requestNo) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM filing WHERE request_no = ?", Integer.class, requestNo);
  }

  private long processInstancesOf(String filingId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(filingId)
        .processDefinitionKey(FilingProcess.KEY).count();
  }
}
