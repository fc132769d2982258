package cn.beian.verify.process.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.process.identity.IdentityProperties.InitialAdmin;
import cn.beian.verify.process.identity.IdentityProperties.Ldap;
import org.junit.jupiter.api.Test;

/** Which identity configurations start: each refusal names the environment variables to set. */
class IdentityPropertiesTest {
  private static final InitialAdmin NO_ADMIN = new InitialAdmin(null, null);
  private static final InitialAdmin ADMIN = new InitialAdmin("ops-admin", "Ops-Admin-Password-1");

  @Test
  void shouldRefuseProductionWithNeitherDirectoryNorAdministrator() {
    assertThatThrownBy(() -> new IdentityProperties(true, directory(false, null, null), NO_ADMIN))
        .hasMessageContaining("BEIAN_LDAP_ENABLED").hasMessageContaining("BEIAN_LDAP_URL")
        .hasMessageContaining("BEIAN_ADMIN_USER").hasMessageContaining("BEIAN_ADMIN_PASSWORD");
  }

  @Test
  void shouldStartProductionWithEither() {
    assertThat(new IdentityProperties(true, directory(false, null, null), ADMIN).directory()).isFalse();
    assertThat(new IdentityProperties(true, directory(true, "ldaps://ldap.example:636", "dc=example"), NO_ADMIN).directory())
        .isTrue();
  }

  @Test
  void shouldStartTheDemoWithNeither() {
    assertThat(new IdentityProperties(false, directory(false, null, null), NO_ADMIN).directory()).isFalse();
  }

  @Test
  void shouldRefuseAnIncompleteDirectory() {
    assertThatThrownBy(() -> new IdentityProperties(true, directory(true, "", null), NO_ADMIN))
        .hasMessageContaining("BEIAN_LDAP_URL").hasMessageContaining("BEIAN_LDAP_BASE_DN");
  }

  @Test
  void shouldRefuseBothAtOnce() {
    assertThatThrownBy(() -> new IdentityProperties(true, directory(true, "ldap://ldap.example", "dc=example"), ADMIN))
        .hasMessageContaining("camunda-admin").hasMessageContaining("BEIAN_ADMIN_USER");
  }

  @Test
  void shouldRefuseAnAdministratorWithoutPassword() {
    assertThatThrownBy(() -> new InitialAdmin("ops-admin", " ")).hasMessageContaining("BEIAN_ADMIN_PASSWORD");
  }

  @Test
  void shouldNeverPrintPasswords() {
    Ldap ldap = new Ldap(true, "ldap://ldap.example", "cn=svc", "Manager-Secret-9", "dc=example", "", "", "uid",
        "givenName", "sn", "mail", "", "", "cn", "description", "member", false, 0);
    assertThat(new IdentityProperties(false, ldap, NO_ADMIN).toString()).doesNotContain("Manager-Secret-9");
    assertThat(ADMIN.toString()).doesNotContain("Ops-Admin-Password-1");
  }

  private static Ldap directory(boolean enabled, String url, String baseDn) {
    return new Ldap(enabled, url, "", "", baseDn, "", "", "uid", "givenName", "sn", "mail", "", "", "cn", "description",
        "member", false, 0);
  }
}
