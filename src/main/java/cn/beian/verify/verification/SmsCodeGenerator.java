package cn.beian.verify.verification;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Predicate;

/** Issues 6-digit SMS codes from a cryptographically secure generator (docs/rules.md §4). */
public class SmsCodeGenerator {
  private static final int CODE_SPACE = 1_000_000;
  // a predicate that refuses nearly every code is a bug, not bad luck: fail instead of spinning
  private static final int MAX_DRAWS = 10_000;

  private final SecureRandom random;

  public SmsCodeGenerator() {
    this(new SecureRandom());
  }

  public SmsCodeGenerator(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A 6-digit code, leading zeros kept, for which {@code alreadyIssued} is false (drawn again otherwise). */
  public String next(Predicate<String> alreadyIssued) {
    Objects.requireNonNull(alreadyIssued, "alreadyIssued");
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      String code = String.format("%06d", random.nextInt(CODE_SPACE));
      if (!alreadyIssued.test(code)) {
        return code;
      }
    }
    throw new IllegalStateException("no fresh SMS code after " + MAX_DRAWS + " draws");
  }
}
