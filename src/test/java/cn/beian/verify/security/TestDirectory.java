package cn.beian.verify.security;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import java.net.InetAddress;
import com.unboundid.ldif.LDIFException;
import java.util.ArrayList;
import java.util.List;

/**
 * A real LDAP server for the directory tests: UnboundID's in-memory directory on 127.0.0.1 and a free port, with the
 * organisation's people and groups as an operator would have them ({@code inetOrgPerson} users, {@code groupOfNames}
 * groups named like the product's groups). Passwords are checked by real LDAP binds.
 */
final class TestDirectory {
  static final String BASE_DN = "dc=beian,dc=test";
  static final String MANAGER_DN = "cn=beian-verify,ou=services," + BASE_DN;
  static final String MANAGER_PASSWORD = "Manager-Secret-1";

  /** a directory user: uid, password, and the groups whose member they are */
  record Person(String uid, String password, String givenName, String surname, String... groups) {
    String dn() {
      return "uid=" + uid + ",ou=people," + BASE_DN;
    }
  }

  static final Person GANSU_REVIEWER = new Person("gs.wang", "Gansu-Reviewer-1", "王", "甘肃", "bureau-CN-GS");
  static final Person ZHEJIANG_REVIEWER = new Person("zj.li", "Zhejiang-Reviewer-1", "李", "浙江", "bureau-CN-ZJ");
  static final Person DESK_CLERK = new Person("desk.zhao", "Desk-Clerk-1", "赵", "核验台", "verification-desk");
  static final Person ADMINISTRATOR = new Person("ops.chen", "Ops-Admin-1", "陈", "运维", "camunda-admin");
  static final Person NOBODY = new Person("intern.sun", "Intern-Sun-1", "孙", "实习");
  static final List<Person> PEOPLE = List.of(GANSU_REVIEWER, ZHEJIANG_REVIEWER, DESK_CLERK, ADMINISTRATOR, NOBODY);
  static final List<String> GROUPS = List.of("bureau-CN-GS", "bureau-CN-ZJ", "verification-desk", "camunda-admin");

  private final InMemoryDirectoryServer server;

  TestDirectory() throws LDAPException, LDIFException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
    // only the service account and people bind; no anonymous reads
    config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH);
    server = new InMemoryDirectoryServer(config);
    server.add("dn: " + BASE_DN, "objectClass: top", "objectClass: domain", "dc: beian");
    for (String ou : List.of("people", "groups", "services")) {
      server.add("dn: ou=" + ou + "," + BASE_DN, "objectClass: top", "objectClass: organizationalUnit", "ou: " + ou);
    }
    server.add("dn: " + MANAGER_DN, "objectClass: top", "objectClass: person", "cn: beian-verify", "sn: service",
        "userPassword: " + MANAGER_PASSWORD);
    for (Person person : PEOPLE) {
      server.add("dn: " + person.dn(), "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
          "objectClass: inetOrgPerson", "uid: " + person.uid(), "cn: " + person.surname() + person.givenName(),
          "givenName: " + person.givenName(), "sn: " + person.surname(), "mail: " + person.uid() + "@beian.test",
          "userPassword: " + person.password());
    }
    for (String group : GROUPS) {
      List<String> entry = new ArrayList<>(List.of("dn: cn=" + group + ",ou=groups," + BASE_DN, "objectClass: top",
          "objectClass: groupOfNames", "cn: " + group, "description: " + group + " (directory)"));
      PEOPLE.stream().filter(p -> List.of(p.groups()).contains(group)).forEach(p -> entry.add("member: " + p.dn()));
      server.add(entry.toArray(String[]::new));
    }
    server.startListening();
  }

  int port() {
    return server.getListenPort();
  }

  String url() {
    return "ldap://127.0.0.1:" + port();
  }
}
