package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.process.identity.IdentityProperties;
import cn.beian.verify.process.identity.IdentityProperties.InitialAdmin;
import cn.beian.verify.process.identity.IdentityProperties.Ldap;
import cn.beian.verify.process.identity.InitialAdministrator;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;

/** A production installation without a directory gets its first administrator from the environment, and nobody else. */
class InitialAdministratorTest extends ProductionWithAdministrator {

  @Test
  void shouldCreateTheAdministratorFromTheEnvironment() {
    IdentityService identities = engine.getIdentityService();
    // then the administrator exists, with the configured password, in camunda-admin
    assertThat(identities.checkPassword(ADMIN, ADMIN_PASSWORD)).isTrue();
    assertThat(identities.createGroupQuery().groupMember(ADMIN).groupId(Groups.CAMUNDA_ADMIN).count()).isOne();
    // and may use engine REST and Camunda Admin
    Response users = rest(ADMIN, ADMIN_PASSWORD, "GET", "/engine-rest/engine/" + ENGINE + "/user?maxResults=100", null, "198.51.100.50");
    assertThat(users.status()).isEqualTo(200);
    assertThat(new WebappSession("198.51.100.50").login(ENGINE, "admin", ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
    // and the demo accounts do not exist in production
    assertThat(identities.createUserQuery().userIdIn("demo", "desk", "reviewer-gs", "reviewer-zj").count()).isZero();
  }

  @Test
  void shouldLeaveAnExistingAdministratorAlone() {
    // given the administrator changed their password after the first start
    IdentityService identities = engine.getIdentityService();
    var admin = identities.createUserQuery().userId(ADMIN).singleResult();
    admin.setPassword("Changed-By-Admin-2");
    identities.saveUser(admin);
    try {
      // when the product starts again with the same environment
      new InitialAdministrator(new IdentityProperties(true, disabledDirectory(), new InitialAdmin(ADMIN, ADMIN_PASSWORD)))
          .postProcessEngineBuild(engine);
      // then the administrator's own password stands, and the membership is not doubled
      assertThat(identities.checkPassword(ADMIN, "Changed-By-Admin-2")).isTrue();
      assertThat(identities.createGroupQuery().groupMember(ADMIN).count()).isOne();
    } finally {
      admin = identities.createUserQuery().userId(ADMIN).singleResult();
      admin.setPassword(ADMIN_PASSWORD);
      identities.saveUser(admin);
    }
  }

  @Test
  void shouldRefuseAWeakInitialPassword() {
    // given an operator who set BEIAN_ADMIN_PASSWORD=admin
    InitialAdministrator weak = new InitialAdministrator(
        new IdentityProperties(true, disabledDirectory(), new InitialAdmin("second-admin", "admin")));

    // when the engine is built, then the start stops, naming the variable and the rule
    assertThatThrownBy(() -> weak.postProcessEngineBuild(engine)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BEIAN_ADMIN_PASSWORD").hasMessageContaining("PASSWORD_POLICY_LENGTH");
    assertThat(engine.getIdentityService().createUserQuery().userId("second-admin").count()).isZero();
  }

  static Ldap disabledDirectory() {
    return new Ldap(false, null, "", "", null, "", "", "uid", "givenName", "sn", "mail", "", "", "cn", "description",
        "member", false, 0);
  }
}
