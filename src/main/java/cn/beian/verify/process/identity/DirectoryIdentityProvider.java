package cn.beian.verify.process.identity;

import java.io.StringWriter;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbReadOnlyIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.identity.impl.ldap.LdapConfiguration;
import org.camunda.bpm.identity.impl.ldap.LdapGroupQuery;
import org.camunda.bpm.identity.impl.ldap.LdapIdentityProviderSession;
import org.camunda.bpm.identity.impl.ldap.LdapUserQueryImpl;

/**
 * Camunda's LDAP provider session with two changes:
 * <ul>
 *   <li>tenants come from the database ({@link DirectoryTenantQuery}), so a directory user's groups give them their
 *       provinces;</li>
 *   <li>every value a caller puts into a user or group query is escaped before it goes into the LDAP filter. The
 *       plugin escapes user ids only: {@code GET /engine-rest/user?firstName=*)(uid=*} or a group id with
 *       {@code *} or {@code )(} would otherwise rewrite the directory search (LDAP filter injection). In the
 *       {@code …Like} values only {@code *} keeps its meaning (the plugin turns the engine's {@code %} into it).</li>
 * </ul>
 */
public class DirectoryIdentityProvider extends LdapIdentityProviderSession {

  public DirectoryIdentityProvider(LdapConfiguration configuration) {
    super(configuration);
  }

  @Override
  public TenantQuery createTenantQuery() {
    return new DirectoryTenantQuery(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
  }

  @Override
  public TenantQuery createTenantQuery(CommandContext commandContext) {
    return new DirectoryTenantQuery();
  }

  @Override
  public Tenant findTenantById(String id) {
    return new DbReadOnlyIdentityServiceProvider().findTenantById(id);
  }

  @Override
  protected String getUserSearchFilter(LdapUserQueryImpl query) {
    StringWriter search = new StringWriter();
    search.write("(&");
    search.write(ldapConfiguration.getUserSearchFilter());
    exact(ldapConfiguration.getUserIdAttribute(), query.getId(), search);
    anyOf(ldapConfiguration.getUserIdAttribute(), query.getIds(), search);
    exact(ldapConfiguration.getUserEmailAttribute(), query.getEmail(), search);
    like(ldapConfiguration.getUserEmailAttribute(), query.getEmailLike(), search);
    exact(ldapConfiguration.getUserFirstnameAttribute(), query.getFirstName(), search);
    like(ldapConfiguration.getUserFirstnameAttribute(), query.getFirstNameLike(), search);
    exact(ldapConfiguration.getUserLastnameAttribute(), query.getLastName(), search);
    like(ldapConfiguration.getUserLastnameAttribute(), query.getLastNameLike(), search);
    search.write(")");
    return search.toString();
  }

  @Override
  protected String getGroupSearchFilter(LdapGroupQuery query) {
    StringWriter search = new StringWriter();
    search.write("(&");
    search.write(ldapConfiguration.getGroupSearchFilter());
    exact(ldapConfiguration.getGroupIdAttribute(), query.getId(), search);
    anyOf(ldapConfiguration.getGroupIdAttribute(), query.getIds(), search);
    exact(ldapConfiguration.getGroupNameAttribute(), query.getName(), search);
    like(ldapConfiguration.getGroupNameAttribute(), query.getNameLike(), search);
    if (query.getUserId() != null) {
      // the member attribute holds DNs (posix groups: uids); the plugin resolves the user's DN itself
      String member = ldapConfiguration.isUsePosixGroups() ? query.getUserId() : getDnForUser(query.getUserId());
      exact(ldapConfiguration.getGroupMemberAttribute(), member, search);
    }
    search.write(")");
    return search.toString();
  }

  private void exact(String attribute, String value, StringWriter search) {
    if (value != null) {
      addFilter(attribute, escapeLDAPSearchFilter(value), search);
    }
  }

  private void anyOf(String attribute, String[] values, StringWriter search) {
    if (values != null && values.length > 0) {
      search.write("(|");
      for (String value : values) {
        exact(attribute, value, search);
      }
      search.write(")");
    }
  }

  /** a {@code …Like} value: {@code *} is the wildcard, every other special character is escaped */
  private void like(String attribute, String value, StringWriter search) {
    if (value != null) {
      addFilter(attribute, escapeLDAPSearchFilter(value).replace("\\2a", "*"), search);
    }
  }
}
