package cn.beian.verify.process.identity;

import cn.beian.verify.process.identity.IdentityProperties.Ldap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The organisation's directory as the engine's identity provider, when {@code beian.identity.ldap.enabled}. */
@Configuration
@ConditionalOnProperty(name = "beian.identity.ldap.enabled", havingValue = "true")
class DirectoryIdentityConfiguration {

  @Bean
  DirectoryIdentityPlugin directoryIdentityPlugin(IdentityProperties properties) {
    Ldap ldap = properties.ldap();
    DirectoryIdentityPlugin plugin = new DirectoryIdentityPlugin();
    plugin.setServerUrl(ldap.url());
    plugin.setManagerDn(ldap.managerDn());
    plugin.setManagerPassword(ldap.managerPassword());
    plugin.setBaseDn(ldap.baseDn());
    plugin.setUserSearchBase(ldap.userSearchBase());
    plugin.setUserSearchFilter(ldap.userSearchFilter());
    plugin.setUserIdAttribute(ldap.userIdAttribute());
    plugin.setUserFirstnameAttribute(ldap.userFirstnameAttribute());
    plugin.setUserLastnameAttribute(ldap.userLastnameAttribute());
    plugin.setUserEmailAttribute(ldap.userEmailAttribute());
    plugin.setGroupSearchBase(ldap.groupSearchBase());
    plugin.setGroupSearchFilter(ldap.groupSearchFilter());
    plugin.setGroupIdAttribute(ldap.groupIdAttribute());
    plugin.setGroupNameAttribute(ldap.groupNameAttribute());
    plugin.setGroupMemberAttribute(ldap.groupMemberAttribute());
    plugin.setUseSsl(ldap.useSsl());
    plugin.setPageSize(ldap.pageSize() > 0 ? ldap.pageSize() : null);
    // a user or group is only listed to whoever may read it (the engine's GROUP/USER authorizations)
    plugin.setAuthorizationCheckEnabled(true);
    // never: a directory with a self-signed certificate belongs in the JVM's trust store
    plugin.setAcceptUntrustedCertificates(false);
    // a password is never empty, even where the directory would allow an anonymous bind
    plugin.setAllowAnonymousLogin(false);
    return plugin;
  }
}
