package cn.beian.verify.process.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The throttle's bookkeeping alone: who is refused, for how long, and who never is. */
class LoginThrottleTest {
  private static final Duration LOCK = Duration.ofMinutes(15);
  private static final String ATTACKER = "203.0.113.7", REVIEWER_DESK = "198.51.100.20";
  private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleProperties(true, 5, 20, LOCK, 1000));
  private final Instant t0 = Instant.parse("2026-11-30T02:00:00Z");

  @Test
  void shouldRefuseTheAttackersAddressButNeverTheReviewersAfterFiveFailures() {
    // when an outsider fails five times as reviewer-gs
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.refusal(ATTACKER, "reviewer-gs", t0.plusSeconds(i))).isEmpty();
      throttle.failed(ATTACKER, "reviewer-gs", t0.plusSeconds(i));
    }

    // then the outsider's address waits a lock duration from its last failure; the reviewer elsewhere does not wait
    assertThat(throttle.refusal(ATTACKER, "reviewer-gs", t0.plusSeconds(4))).contains(LOCK);
    assertThat(throttle.refusal(ATTACKER, "REVIEWER-GS", t0.plusSeconds(5))).hasValueSatisfying(
        wait -> assertThat(wait).isEqualTo(LOCK.minusSeconds(1)));
    assertThat(throttle.refusal(REVIEWER_DESK, "reviewer-gs", t0.plusSeconds(5))).isEmpty();
    // and the outsider's address may try other users (until its own limit)
    assertThat(throttle.refusal(ATTACKER, "reviewer-zj", t0.plusSeconds(5))).isEmpty();
  }

  @Test
  void shouldEndALockAtTheDocumentedBoundWhateverTheAttackerTriesMeanwhile() {
    // given an address locked for reviewer-gs at t0
    for (int i = 0; i < 5; i++) {
      throttle.failed(ATTACKER, "reviewer-gs", t0);
    }
    // when it keeps being refused during the lock (a refused attempt is never counted)
    for (int minute = 1; minute < 15; minute++) {
      assertThat(throttle.refusal(ATTACKER, "reviewer-gs", t0.plus(Duration.ofMinutes(minute)))).isPresent();
    }
    // then the lock ends lock-duration after the last counted failure, not later
    assertThat(throttle.refusal(ATTACKER, "reviewer-gs", t0.plus(LOCK).minusMillis(1))).isPresent();
    assertThat(throttle.refusal(ATTACKER, "reviewer-gs", t0.plus(LOCK))).isEmpty();
  }

  @Test
  void shouldForgetFailuresOlderThanTheWindow() {
    // given four failures, then a pause of a whole window
    for (int i = 0; i < 4; i++) {
      throttle.failed(REVIEWER_DESK, "reviewer-gs", t0);
    }
    // when the reviewer mistypes once more after the window
    throttle.failed(REVIEWER_DESK, "reviewer-gs", t0.plus(LOCK));
    // then that is the first failure of a new window
    assertThat(throttle.refusal(REVIEWER_DESK, "reviewer-gs", t0.plus(LOCK))).isEmpty();
  }

  @Test
  void shouldForgetAClientsTyposForAUserAfterACorrectPasswordButNotTheClientsCount() {
    // given four typos, then a successful login
    for (int i = 0; i < 4; i++) {
      throttle.failed(REVIEWER_DESK, "reviewer-gs", t0);
    }
    throttle.succeeded(REVIEWER_DESK, "reviewer-gs");
    // when four more typos follow
    for (int i = 0; i < 4; i++) {
      throttle.failed(REVIEWER_DESK, "reviewer-gs", t0);
    }
    // then the pair is not locked
    assertThat(throttle.refusal(REVIEWER_DESK, "reviewer-gs", t0)).isEmpty();
  }

  @Test
  void shouldLockAnAddressThatSpraysManyUsers() {
    // when one address fails once each for 20 different users
    for (int i = 0; i < 20; i++) {
      throttle.failed(ATTACKER, "user-" + i, t0);
    }
    // then it may not try anyone, not even a user it never tried; other addresses may
    assertThat(throttle.refusal(ATTACKER, "reviewer-gs", t0)).contains(LOCK);
    assertThat(throttle.refusal(ATTACKER, null, t0)).contains(LOCK);
    assertThat(throttle.refusal(REVIEWER_DESK, "user-1", t0)).isEmpty();
  }

  @Test
  void shouldRememberABoundedNumberOfKeys() {
    // given a throttle remembering 10 keys, and a locked pair
    LoginThrottle small = new LoginThrottle(new LoginThrottleProperties(true, 1, 1000, LOCK, 10));
    small.failed(ATTACKER, "reviewer-gs", t0);
    assertThat(small.refusal(ATTACKER, "reviewer-gs", t0)).isPresent();
    // when many other addresses fail, then memory stays bounded: the oldest key is forgotten first
    for (int i = 0; i < 20; i++) {
      small.failed("192.0.2." + i, "someone", t0);
    }
    assertThat(small.refusal(ATTACKER, "reviewer-gs", t0)).isEmpty();
  }
}
