package cn.beian.verify.process.identity;

import cn.beian.verify.kernel.Texts;
import cn.beian.verify.process.identity.IdentityProperties.InitialAdmin;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first administrator of an installation without a directory, from BEIAN_ADMIN_USER / BEIAN_ADMIN_PASSWORD:
 * created when the user does not exist yet, as a member of camunda-admin, and left alone afterwards (its password is
 * then the administrator's business, changed in Camunda Admin). With the engine's password policy on (prod) a weak
 * password stops the start instead of creating a guessable administrator.
 */
@Component
@Order(IdentitySetup.ORDER + 2) // after IdentitySetup created camunda-admin and its authorizations
public class InitialAdministrator extends AbstractProcessEnginePlugin {
  private static final Logger LOG = LoggerFactory.getLogger(InitialAdministrator.class);

  private final IdentityProperties properties;

  public InitialAdministrator(IdentityProperties properties) {
    this.properties = properties;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    InitialAdmin admin = properties.initialAdmin();
    IdentityService identities = engine.getIdentityService();
    if (!admin.configured() || identities.isReadOnly()) {
      return;
    }
    if (identities.createUserQuery().userId(admin.id()).count() > 0) {
      LOG.info("Initial administrator {} exists already: left as it is", admin.id());
      return;
    }
    User user = identities.newUser(admin.id());
    user.setFirstName(admin.id());
    user.setLastName(Texts.text("staff.identity.administrator"));
    user.setPassword(admin.password());
    if (engine.getProcessEngineConfiguration().isEnablePasswordPolicy()) {
      PasswordPolicyResult result = identities.checkPasswordAgainstPolicy(admin.password(), user);
      if (!result.isValid()) {
        throw new IllegalStateException("BEIAN_ADMIN_PASSWORD does not meet the password policy: "
            + result.getViolatedRules().stream().map(rule -> rule.getPlaceholder() + " " + rule.getParameters())
                .collect(Collectors.joining(", ")));
      }
    }
    identities.saveUser(user);
    identities.createMembership(admin.id(), IdentitySetup.ADMIN_GROUP);
    LOG.info("Created the initial administrator {} (member of {})", admin.id(), IdentitySetup.ADMIN_GROUP);
  }
}
