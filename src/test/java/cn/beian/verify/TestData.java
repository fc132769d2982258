package cn.beian.verify;

import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Change;
import cn.beian.verify.filing.FilingSubmission.Entity;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission.Website;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Valid, unique test data: every test gets phones and request numbers of its own. */
public final class TestData {
  private static final AtomicLong SEQUENCE = new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000L));
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private TestData() {}

  /** a unique China Mobile number (segment 138), never a refused segment */
  public static String phone() {
    return "138" + String.format("%08d", SEQUENCE.incrementAndGet() % 100_000_000L);
  }

  public static String requestNo() {
    return "TEST-" + SEQUENCE.incrementAndGet();
  }

  /** a resident ID with a valid GB 11643 check digit, born on 1990-03-07 */
  public static String residentId() {
    String body = "620102" + "19900307" + String.format("%03d", SEQUENCE.incrementAndGet() % 1000);
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * WEIGHTS[i];
    }
    return body + CHECK.charAt(sum % 11);
  }

  public static Person person(String name) {
    return new Person(name, phone(), "RESIDENT_ID", residentId());
  }

  public static String last6(Person p) {
    return p.idNumber().substring(p.idNumber().length() - 6);
  }

  /** 新增备案 of one website with two different principals: two verifiers */
  public static FilingSubmission newFiling(String province, Person entityPrincipal, Person websitePrincipal) {
    return new FilingSubmission(requestNo(), "NEW_FILING", province, "WEBSITE",
        new Entity("兰州示例科技有限公司", entityPrincipal),
        List.of(new Website("w1", "example.cn", websitePrincipal)), null);
  }

  public static FilingSubmission ofType(String type, String province, Person entityPrincipal, Person websitePrincipal,
      Change change) {
    return new FilingSubmission(requestNo(), type, province, "WEBSITE",
        new Entity("兰州示例科技有限公司", entityPrincipal),
        List.of(new Website("w1", "example.cn", websitePrincipal)), change);
  }
}
