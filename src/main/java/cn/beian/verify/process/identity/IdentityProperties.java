package cn.beian.verify.process.identity;

import cn.beian.verify.process.staff.AdminSetupGuard;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the staff's accounts come from ({@code beian.identity.*}): the organisation's LDAP directory, or, without one,
 * Camunda's own user table with an initial administrator from the environment. Production
 * ({@code require-configured}) refuses to start with neither, because then the only way to a first administrator
 * would be Camunda's anonymous setup page (which the product never serves, see {@link AdminSetupGuard}).
 *
 * @param requireConfigured refuse to start without a directory or an initial administrator (the prod profile)
 * @param ldap the directory; users, groups and passwords come from it when enabled
 * @param initialAdmin an administrator created at the first start when there is no directory
 */
@ConfigurationProperties("beian.identity")
public record IdentityProperties(
    @DefaultValue("false") boolean requireConfigured,
    @DefaultValue Ldap ldap,
    @DefaultValue InitialAdmin initialAdmin) {

  public static final String NEITHER = "No staff identity is configured. Set either the organisation's directory: "
      + "BEIAN_LDAP_ENABLED=true with BEIAN_LDAP_URL, BEIAN_LDAP_BASE_DN, BEIAN_LDAP_MANAGER_DN and "
      + "BEIAN_LDAP_MANAGER_PASSWORD; or an initial administrator: BEIAN_ADMIN_USER and BEIAN_ADMIN_PASSWORD";

  public IdentityProperties {
    if (ldap.enabled()) {
      List<String> missing = new ArrayList<>();
      if (blank(ldap.url())) {
        missing.add("BEIAN_LDAP_URL (beian.identity.ldap.url)");
      }
      if (blank(ldap.baseDn())) {
        missing.add("BEIAN_LDAP_BASE_DN (beian.identity.ldap.base-dn)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("The directory is switched on (BEIAN_LDAP_ENABLED) but " + String.join(", ", missing)
            + " is missing");
      }
      if (initialAdmin.configured()) {
        throw new IllegalArgumentException("BEIAN_ADMIN_USER is set while the directory is switched on: with a directory, "
            + "administrators are the members of its group camunda-admin; unset BEIAN_ADMIN_USER and BEIAN_ADMIN_PASSWORD");
      }
    } else if (requireConfigured && !initialAdmin.configured()) {
      throw new IllegalArgumentException(NEITHER);
    }
  }

  /** true when users and groups come from the directory */
  public boolean directory() {
    return ldap.enabled();
  }

  /**
   * Camunda's LDAP identity provider ({@code LdapConfiguration}), the settings an operator needs. Defaults suit a
   * directory of {@code inetOrgPerson} users and {@code groupOfNames} groups; every default is in application.yaml.
   *
   * @param enabled users, groups and password checks from the directory (BEIAN_LDAP_ENABLED)
   * @param url e.g. {@code ldaps://ldap.example.gov.cn:636} (BEIAN_LDAP_URL)
   * @param managerDn the account the product searches the directory with (BEIAN_LDAP_MANAGER_DN)
   * @param managerPassword its password (BEIAN_LDAP_MANAGER_PASSWORD)
   * @param baseDn the directory's base, e.g. {@code dc=beian,dc=gov,dc=cn} (BEIAN_LDAP_BASE_DN)
   * @param userSearchBase below base-dn, e.g. {@code ou=people}
   * @param userSearchFilter which entries are users
   * @param userIdAttribute the login name
   * @param userFirstnameAttribute first name shown in Tasklist
   * @param userLastnameAttribute last name shown in Tasklist
   * @param userEmailAttribute e-mail
   * @param groupSearchBase below base-dn, e.g. {@code ou=groups}
   * @param groupSearchFilter which entries are groups
   * @param groupIdAttribute the group's id: must be bureau-CN-XX, verification-desk or camunda-admin for the product's groups
   * @param groupNameAttribute the group's readable name
   * @param groupMemberAttribute the attribute of a group listing its members' DNs
   * @param useSsl LDAPS without an {@code ldaps://} URL's implicit TLS
   * @param pageSize page size of directory searches (paged results control); 0: no paging
   */
  public record Ldap(
      @DefaultValue("false") boolean enabled,
      String url,
      @DefaultValue("") String managerDn,
      @DefaultValue("") String managerPassword,
      String baseDn,
      @DefaultValue("") String userSearchBase,
      @DefaultValue("(objectclass=inetOrgPerson)") String userSearchFilter,
      @DefaultValue("uid") String userIdAttribute,
      @DefaultValue("givenName") String userFirstnameAttribute,
      @DefaultValue("sn") String userLastnameAttribute,
      @DefaultValue("mail") String userEmailAttribute,
      @DefaultValue("") String groupSearchBase,
      @DefaultValue("(objectclass=groupOfNames)") String groupSearchFilter,
      @DefaultValue("cn") String groupIdAttribute,
      @DefaultValue("description") String groupNameAttribute,
      @DefaultValue("member") String groupMemberAttribute,
      @DefaultValue("false") boolean useSsl,
      @DefaultValue("0") int pageSize) {

    @Override
    public String toString() {
      return "Ldap[enabled=" + enabled + ", url=" + url + ", managerDn=" + managerDn + ", managerPassword=******, baseDn="
          + baseDn + "]";
    }
  }

  /**
   * The first administrator of an installation without a directory: created with this password at the first start
   * when the user does not exist yet, member of camunda-admin; never changed afterwards (the password is then changed
   * in Camunda Admin).
   *
   * @param id BEIAN_ADMIN_USER
   * @param password BEIAN_ADMIN_PASSWORD, checked against the engine's password policy
   */
  public record InitialAdmin(String id, String password) {
    public InitialAdmin {
      if (!blank(id) && blank(password)) {
        throw new IllegalArgumentException("BEIAN_ADMIN_USER is set but BEIAN_ADMIN_PASSWORD is missing");
      }
    }

    public boolean configured() {
      return !blank(id);
    }

    @Override
    public String toString() {
      return "InitialAdmin[id=" + id + ", password=******]";
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
