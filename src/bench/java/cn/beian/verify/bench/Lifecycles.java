package cn.beian.verify.bench;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Person;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One filing from submission to approval, as the product's users drive it over HTTP, and the same shape on the bare
 * engine through engine REST. Both record the same steps: submit, codes (the product: both codes in the demo inbox;
 * the baseline: both verifier tasks visible), verify (each of two), review-task (until visible), approve, lifecycle.
 */
final class Lifecycles {
  static final String[] STEPS = {"submit", "codes", "verify", "review-task", "approve", "lifecycle"};
  static final String ADMIN = Http.basic("demo", "demo");
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(120);
  private static final Pattern CODE = Pattern.compile("验证码为(\\d{6})");

  private Lifecycles() {}

  /** one lifecycle; {@code t0} is when it was meant to start (System.nanoTime), so queueing counts */
  interface Lifecycle {
    boolean run(long t0, Stats stats);
  }

  static String code(Http http, String phone) {
    long end = System.nanoTime() + GIVE_UP_NANOS;
    while (System.nanoTime() < end) {
      Http.Response r = http.get("/api/v1/dev/sms?phone=" + phone);
      if (r.status() == 200 && r.body() != null && r.body().size() > 0) {
        Matcher m = CODE.matcher(r.body().get(0).get("text").asText());
        if (m.find()) {
          return m.group(1);
        }
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new IllegalStateException("no SMS within 120 s");
  }

  /** the ids of the tasks a query finds, once there are {@code expected}; {@code rest}: the engine REST base path */
  static List<String> tasks(Http http, String rest, String query, int expected) {
    long end = System.nanoTime() + GIVE_UP_NANOS;
    while (System.nanoTime() < end) {
      // engine REST answers only bounded queries (query-max-results-limit)
      Http.Response r = http.get(rest + "/task?firstResult=0&maxResults=100&" + query, "Authorization", ADMIN);
      if (r.status() == 200 && r.body().size() >= expected) {
        return r.body().findValuesAsText("id");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new IllegalStateException("no task within 120 s: " + query);
  }

  static boolean verify(Http http, Person p, String code) {
    Http.Response r = http.post("/api/v1/sms-verifications",
        Map.of("phone", p.phone(), "code", code, "idLast6", TestData.last6(p)));
    return r.status() == 200 && r.body().get("result").asText().startsWith("VERIFIED_");
  }

  static boolean approve(Http http, String rest, String taskId) {
    return approval(http, rest, taskId).status() == 204;
  }

  static Http.Response approval(Http http, String rest, String taskId) {
    return http.post(rest + "/task/" + taskId + "/complete",
        Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean"),
            "reviewComment", Map.of("value", "ok", "type", "String"))), "Authorization", ADMIN);
  }

  static Lifecycle product(Http http, String rest) {
    return (t0, st) -> {
      Person a = TestData.person("张三");
      Person b = TestData.person("李四");
      FilingSubmission filing = TestData.newFiling("CN-GS", a, b);
      Http.Response r = http.post("/api/v1/filings", filing, "X-Api-Key", "demo-provider-a-key");
      if (r.status() != 201) {
        return false;
      }
      String id = r.body().get("filingId").asText();
      long t1 = System.nanoTime();
      st.record("submit", t0, t1);
      String ca = code(http, a.phone());
      String cb = code(http, b.phone());
      long t2 = System.nanoTime();
      st.record("codes", t1, t2);
      if (!verify(http, a, ca)) {
        return false;
      }
      long t3 = System.nanoTime();
      st.record("verify", t2, t3);
      if (!verify(http, b, cb)) {
        return false;
      }
      long t4 = System.nanoTime();
      st.record("verify", t3, t4);
      String task = tasks(http, rest, "processInstanceBusinessKey=" + id + "&taskDefinitionKey=UserTask_ReviewFiling", 1)
          .get(0);
      long t5 = System.nanoTime();
      st.record("review-task", t4, t5);
      if (!approve(http, rest, task)) {
        return false;
      }
      long t6 = System.nanoTime();
      st.record("approve", t5, t6);
      st.record("lifecycle", t0, t6);
      return true;
    };
  }

  static Lifecycle baseline(Http http, String rest) {
    return (t0, st) -> {
      String key = UUID.randomUUID().toString();
      Http.Response r = http.post(rest + "/process-definition/key/BenchBaselineFiling/start",
          Map.of("businessKey", key), "Authorization", ADMIN);
      if (r.status() != 200) {
        return false;
      }
      JsonNode started = r.body();
      String instance = started.get("id").asText();
      long t1 = System.nanoTime();
      st.record("submit", t0, t1);
      List<String> verifyTasks = tasks(http, rest, "processInstanceId=" + instance + "&taskDefinitionKey=UserTask_Verify", 2);
      long t2 = System.nanoTime();
      st.record("codes", t1, t2);
      long t = t2;
      for (String task : verifyTasks.subList(0, 2)) {
        if (http.post(rest + "/task/" + task + "/complete", Map.of(), "Authorization", ADMIN).status() != 204) {
          return false;
        }
        long now = System.nanoTime();
        st.record("verify", t, now);
        t = now;
      }
      String review = tasks(http, rest, "processInstanceBusinessKey=" + key + "&taskDefinitionKey=UserTask_ReviewFiling", 1).get(0);
      long t5 = System.nanoTime();
      st.record("review-task", t, t5);
      if (!approve(http, rest, review)) {
        return false;
      }
      long t6 = System.nanoTime();
      st.record("approve", t5, t6);
      st.record("lifecycle", t0, t6);
      return true;
    };
  }

  /** deploys the baseline model into the running engine through engine REST, as the administrator */
  static void deployBaseline(Http http, String rest) throws Exception {
    byte[] bpmn;
    try (var in = Lifecycles.class.getResourceAsStream("/bench/BenchBaselineFiling.bpmn")) {
      bpmn = in.readAllBytes();
    }
    Http.Response r = http.postMultipart(rest + "/deployment/create", "bench-baseline",
        "BenchBaselineFiling.bpmn", bpmn, "Authorization", ADMIN);
    if (r.status() != 200) {
      throw new IllegalStateException("baseline deployment failed: " + r.status() + " " + r.body());
    }
  }
}
