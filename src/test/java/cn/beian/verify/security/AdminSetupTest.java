package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4: on a fresh production install Camunda's admin webapp offered anyone the "create the first
 * administrator" page; an outsider fetched it for a session and CSRF token, posted a user and was administrator
 * (204, new member of camunda-admin). Now the page and the API are refused in every profile.
 */
class AdminSetupTest extends ProductionWithAdministrator {

  @Test
  void shouldRefuseAnOutsiderCreatingTheFirstAdministrator() {
    // given the setup page, fetched by an outsider for its session and CSRF token
    Response page = get("/camunda/app/admin/" + ENGINE + "/setup/", null);

    // when the outsider posts a new user to the setup API with them
    Response created = postSetup(ENGINE, page);

    // then both are refused, and nobody was created
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.header("X-XSRF-TOKEN")).isNull();
    assertThat(created.status()).as(created.raw().body()).isEqualTo(403);
    assertThat(created.contentType()).startsWith("application/problem+json");
    assertNoIntruder();
  }

  @Test
  void shouldRefuseTheSetupEvenWhenNoAdministratorIsLeft() {
    // given an installation whose only administrator left camunda-admin: Camunda itself would offer the setup again
    IdentityService identities = engine.getIdentityService();
    identities.deleteMembership(ADMIN, Groups.CAMUNDA_ADMIN);
    try {
      assertThat(identities.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count()).isZero();
      Response token = get("/camunda/app/tasklist/", null);

      // when an outsider posts a user to the setup API, also under spellings of the path a filter might miss
      for (String path : new String[] {"/camunda/api/admin/setup/" + ENGINE + "/user/create",
          "/camunda/api/admin/%73etup/" + ENGINE + "/user/create",
          "/camunda/api/admin//setup/" + ENGINE + "/user/create",
          "/camunda/api/admin/./setup/" + ENGINE + "/user/create",
          "/camunda/api/admin/setup;x=y/" + ENGINE + "/user/create"}) {
        Response created = post(path, token);
        // then each is refused
        assertThat(created.status()).as(path).isBetween(400, 499);
      }
      // and nobody was created
      assertNoIntruder();
    } finally {
      identities.createMembership(ADMIN, Groups.CAMUNDA_ADMIN);
    }
  }

  private Response postSetup(String engineName, Response page) {
    return post("/camunda/api/admin/setup/" + engineName + "/user/create", page);
  }

  /** the POST Camunda's setup page sends, with the session cookie and CSRF token of an earlier answer */
  private Response post(String path, Response earlier) {
    String token = earlier.header("X-XSRF-TOKEN");
    String cookies = String.join("; ", earlier.raw().headers().allValues("Set-Cookie").stream()
        .map(cookie -> cookie.split(";", 2)[0]).toList());
    return send(request(path, Map.of("Content-Type", "application/json", "X-XSRF-TOKEN", token == null ? "none" : token,
            "Cookie", cookies))
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"profile":{"id":"intruder","firstName":"I","lastName":"N","email":"i@example.com"},
             "credentials":{"password":"Intruder-Password-1"}}""", StandardCharsets.UTF_8)).build());
  }

  private void assertNoIntruder() {
    assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("intruder").count()).isZero();
  }
}
