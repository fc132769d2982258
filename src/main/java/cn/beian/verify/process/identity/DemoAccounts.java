package cn.beian.verify.process.identity;

import cn.beian.verify.kernel.Provinces;
import cn.beian.verify.kernel.Texts;
import cn.beian.verify.process.FilingProcess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The demo accounts of docs/http-contract.md §4 (password = id); demo profile only, never in production. */
@Component
@Profile("demo")
@Order(IdentitySetup.ORDER + 1) // the groups they join are created by IdentitySetup
public class DemoAccounts extends AbstractProcessEnginePlugin {
  private static final Logger LOG = LoggerFactory.getLogger(DemoAccounts.class);

  record Account(String id, String firstName, String lastName, String group) {}

  static final Account[] ACCOUNTS = {
      new Account("demo", "Demo", Texts.text("staff.identity.administrator"), IdentitySetup.ADMIN_GROUP),
      new Account("reviewer-gs", Provinces.nameOf("CN-GS"), Texts.text("staff.identity.reviewer"),
          FilingProcess.bureauGroup("CN-GS")),
      new Account("reviewer-zj", Provinces.nameOf("CN-ZJ"), Texts.text("staff.identity.reviewer"),
          FilingProcess.bureauGroup("CN-ZJ")),
      new Account("desk", Texts.text("staff.identity.desk"), Texts.text("staff.identity.deskClerk"),
          IdentitySetup.DESK_GROUP),
  };

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identities = engine.getIdentityService();
    if (identities.isReadOnly()) {
      LOG.warn("The demo accounts are not created: users and groups come from the directory (beian.identity.ldap)");
      return;
    }
    for (Account account : ACCOUNTS) {
      if (identities.createUserQuery().userId(account.id()).count() == 0) {
        User user = identities.newUser(account.id());
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        user.setPassword(account.id());
        user.setEmail(account.id() + "@beian.local");
        identities.saveUser(user);
      }
      if (identities.createGroupQuery().groupId(account.group()).groupMember(account.id()).count() == 0) {
        identities.createMembership(account.id(), account.group());
      }
    }
  }
}
