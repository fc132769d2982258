package cn.beian.verify.process.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.identity.db.DbReadOnlyIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbTenantQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;

/**
 * A tenant query over Camunda's tenant tables for an engine whose users and groups are in the directory. The
 * engine REST authentication filter and the webapps ask for "the tenants of user U including U's groups"
 * ({@code userMember(U).includingGroupsOfUser(true)}); the database answers that by joining its own membership table,
 * which is empty with a directory. Here U's groups are asked of the directory instead, and the tenants of U and of
 * each group are read from the tenant memberships the product keeps.
 */
class DirectoryTenantQuery extends DbTenantQueryImpl {
  private static final long serialVersionUID = 1L;

  DirectoryTenantQuery() {
    super();
  }

  DirectoryTenantQuery(CommandExecutor commandExecutor) {
    super(commandExecutor);
  }

  @Override
  public long executeCount(CommandContext commandContext) {
    checkQueryOk();
    return withDirectoryGroups(commandContext, () -> database().findTenantCountByQueryCriteria(this), 0L);
  }

  @Override
  public List<Tenant> executeList(CommandContext commandContext, Page page) {
    checkQueryOk();
    return withDirectoryGroups(commandContext, () -> database().findTenantByQueryCriteria(this), List.of());
  }

  /** runs the database query with "U or U's groups" replaced by the ids of those tenants */
  private <T> T withDirectoryGroups(CommandContext commandContext, Supplier<T> query, T none) {
    if (userId == null || !includingGroups) {
      return query.get();
    }
    String user = userId;
    String[] requested = ids;
    // the user's groups are looked up as the authentication filter does it: whatever the caller may read
    Set<String> tenantIds = commandContext.runWithoutAuthorization(() -> tenantsOf(commandContext, user));
    if (requested != null && requested.length > 0) {
      tenantIds.retainAll(Arrays.asList(requested));
    }
    if (tenantIds.isEmpty()) {
      return none;
    }
    try {
      userId = null;
      includingGroups = false;
      ids = tenantIds.toArray(String[]::new);
      return query.get();
    } finally {
      userId = user;
      includingGroups = true;
      ids = requested;
    }
  }

  private static Set<String> tenantsOf(CommandContext commandContext, String user) {
    Set<String> tenantIds = new TreeSet<>();
    DbReadOnlyIdentityServiceProvider database = database();
    DbTenantQueryImpl own = new DbTenantQueryImpl();
    own.userMember(user);
    database.findTenantByQueryCriteria(own).forEach(tenant -> tenantIds.add(tenant.getId()));
    List<Group> groups = commandContext.getReadOnlyIdentityProvider().createGroupQuery(commandContext)
        .groupMember(user).list();
    for (Group group : groups) {
      DbTenantQueryImpl ofGroup = new DbTenantQueryImpl();
      ofGroup.groupMember(group.getId());
      database.findTenantByQueryCriteria(ofGroup).forEach(tenant -> tenantIds.add(tenant.getId()));
    }
    return tenantIds;
  }

  /** Camunda's database identity provider, used for tenant tables only; it holds no state of its own */
  private static DbReadOnlyIdentityServiceProvider database() {
    return new DbReadOnlyIdentityServiceProvider();
  }
}
