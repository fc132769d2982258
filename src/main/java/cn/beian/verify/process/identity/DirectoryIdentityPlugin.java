package cn.beian.verify.process.identity;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderFactory;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;

/**
 * Camunda's LDAP identity provider plugin, with the product's tenants kept in the database: Camunda's LDAP provider
 * knows no tenants (its tenant queries are always empty), so every bureau would lose its province. The provider
 * sessions are {@link DirectoryIdentityProvider}s: users, groups and passwords from the directory, tenants and the
 * groups that belong to them from Camunda's tables, where {@link IdentitySetup} keeps them.
 */
public class DirectoryIdentityPlugin extends LdapIdentityProviderPlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    super.preInit(configuration);
    DirectoryProviderFactory factory = new DirectoryProviderFactory();
    factory.setLdapConfiguration(this);
    configuration.setIdentityProviderSessionFactory(factory);
  }

  /** the LDAP plugin's factory, opening the product's sessions; still read-only, so the engine offers no user editing */
  static final class DirectoryProviderFactory extends LdapIdentityProviderFactory {
    @Override
    public Session openSession() {
      return new DirectoryIdentityProvider(ldapConfiguration);
    }
  }
}
