package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.process.FilingProcess;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An outsider guessing a reviewer's password, in production, over both login surfaces. Camunda's default would lock
 * the account itself (for everyone, for good after 10 failures); the product locks out the guessing address only,
 * for at most beian.login-throttle.lock-duration (15 minutes) after its last counted failure. Every test uses
 * addresses of its own (X-Forwarded-For through the trusted loopback proxy): the throttle outlives a test.
 */
class LoginLockoutTest extends ProductionWithAdministrator {
  private static final String REVIEWER = "prod-reviewer-gs", PASSWORD = "Gansu-Review-2026!";
  private static final String REST = "/engine-rest/engine/" + ENGINE + "/task?maxResults=1";

  @BeforeEach
  void aGansuReviewer() {
    IdentityService identities = engine.getIdentityService();
    if (identities.createUserQuery().userId(REVIEWER).count() == 0) {
      User user = identities.newUser(REVIEWER);
      user.setFirstName("甘肃");
      user.setLastName("审核员");
      user.setPassword(PASSWORD);
      identities.saveUser(user);
      identities.createMembership(REVIEWER, FilingProcess.bureauGroup("CN-GS"));
    }
  }

  @Test
  void shouldKeepOutTheGuessingAddressButNeverTheReviewer() {
    // given an outsider who guessed five wrong passwords over engine REST
    String outsider = "203.0.113.10", office = "198.51.100.10";
    for (int i = 0; i < 5; i++) {
      assertThat(rest(REVIEWER, "guess-" + i, "GET", REST, null, outsider).status()).isEqualTo(401);
    }

    // when the outsider tries once more, even with the right password
    Response refused = rest(REVIEWER, PASSWORD, "GET", REST, null, outsider);

    // then it is refused without a password check, saying when to come back
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 900L);
    assertThat(refused.body().get("detail").asText()).contains("登录失败次数过多");

    // and the reviewer, from the office, is let in at once over engine REST and in Tasklist
    assertThat(rest(REVIEWER, PASSWORD, "GET", REST, null, office).status()).isEqualTo(200);
    assertThat(new WebappSession(office).login(ENGINE, "tasklist", REVIEWER, PASSWORD).status()).isEqualTo(200);

    // when the documented bound (15 minutes after the last counted failure) has passed
    setClock(Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(5));
    // then the outsider's address is let in again with the right password
    assertThat(rest(REVIEWER, PASSWORD, "GET", REST, null, outsider).status()).isEqualTo(200);
  }

  @Test
  void shouldNeverLockTheAccountItself() {
    // given twelve wrong passwords from twelve addresses (Camunda's default locks an account for good after ten)
    for (int i = 0; i < 12; i++) {
      assertThat(rest(REVIEWER, "wrong", "GET", REST, null, "203.0.113." + (100 + i)).status()).isEqualTo(401);
    }
    // when the reviewer logs in right after, then the account works
    assertThat(rest(REVIEWER, PASSWORD, "GET", REST, null, "198.51.100.11").status()).isEqualTo(200);
  }

  @Test
  void shouldThrottleTheWebappLoginForm() {
    // given five failed logins to Tasklist from one address
    String outsider = "203.0.113.20";
    WebappSession guesser = new WebappSession(outsider);
    for (int i = 0; i < 5; i++) {
      assertThat(guesser.login(ENGINE, "tasklist", REVIEWER, "guess-" + i).status()).isEqualTo(401);
    }
    // when it tries again, then it is refused; the reviewer from elsewhere is not
    assertThat(guesser.login(ENGINE, "tasklist", REVIEWER, PASSWORD).status()).isEqualTo(429);
    assertThat(new WebappSession("198.51.100.12").login(ENGINE, "tasklist", REVIEWER, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void shouldForgetTyposAfterACorrectLoginFromTheSameAddress() {
    // given a reviewer who mistyped four times, then logged in, then mistyped four more times
    String office = "198.51.100.13";
    WebappSession browser = new WebappSession(office);
    for (int i = 0; i < 4; i++) {
      assertThat(browser.login(ENGINE, "tasklist", REVIEWER, "typo-" + i).status()).isEqualTo(401);
    }
    assertThat(browser.login(ENGINE, "tasklist", REVIEWER, PASSWORD).status()).isEqualTo(200);
    WebappSession later = new WebappSession(office);
    for (int i = 0; i < 4; i++) {
      assertThat(later.login(ENGINE, "tasklist", REVIEWER, "typo-" + i).status()).isEqualTo(401);
    }
    // when the password is right, then they are let in
    assertThat(later.login(ENGINE, "tasklist", REVIEWER, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void shouldNotCountAnUnauthenticatedAnswerAsASuccess() {
    // given four wrong guesses
    String outsider = "203.0.113.30";
    for (int i = 0; i < 4; i++) {
      assertThat(rest(REVIEWER, "guess-" + i, "GET", REST, null, outsider).status()).isEqualTo(401);
    }
    // when the outsider gets answers that check no password (the engine list, an unknown engine)
    assertThat(rest(REVIEWER, "guess", "GET", "/engine-rest/engine", null, outsider).status()).isEqualTo(200);
    assertThat(rest(REVIEWER, "guess", "GET", "/engine-rest/engine/noSuchEngine/task", null, outsider).status()).isNotEqualTo(401);
    // then the fifth guess still locks the address
    assertThat(rest(REVIEWER, "guess-4", "GET", REST, null, outsider).status()).isEqualTo(401);
    assertThat(rest(REVIEWER, PASSWORD, "GET", REST, null, outsider).status()).isEqualTo(429);
  }

  @Test
  void shouldLockAnAddressThatTriesManyUsers() {
    // given one address that failed for twenty different users
    String sprayer = "203.0.113.40";
    for (int i = 0; i < 20; i++) {
      assertThat(rest("user-" + i, "Password-2026!", "GET", REST, null, sprayer).status()).isEqualTo(401);
    }
    // when it tries the reviewer, then it is refused; the reviewer elsewhere is not
    assertThat(rest(REVIEWER, PASSWORD, "GET", REST, null, sprayer).status()).isEqualTo(429);
    assertThat(rest(REVIEWER, PASSWORD, "GET", REST, null, "198.51.100.14").status()).isEqualTo(200);
  }

  @Test
  void shouldOfferStaffNoPasswordOracleBesideTheThrottle() {
    // given a logged-in reviewer, over engine REST and in the webapps
    String body = "{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}";
    WebappSession browser = new WebappSession("198.51.100.15");
    assertThat(browser.login(ENGINE, "tasklist", REVIEWER, PASSWORD).status()).isEqualTo(200);
    browser.get("/camunda/api/engine/engine/" + ENGINE + "/task?maxResults=1");

    // when they ask Camunda's identity/verify (which counts no failure anywhere) whether the administrator's password is right
    Response rest = rest(REVIEWER, PASSWORD, "POST", "/engine-rest/engine/" + ENGINE + "/identity/verify", body, "198.51.100.15");
    Response webapp = browser.post("/camunda/api/engine/engine/" + ENGINE + "/identity/verify", body);

    // then the engine refuses to look the user up for them: nothing to learn (only whom one may READ can be checked)
    for (Response answer : new Response[] {rest, webapp}) {
      assertThat(answer.status()).as(answer.raw().body()).isEqualTo(403);
      assertThat(answer.raw().body()).doesNotContain("authenticated");
    }
  }
}
