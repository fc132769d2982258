package cn.beian.verify.process.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import cn.beian.verify.kernel.Provinces;
import cn.beian.verify.kernel.Texts;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.SmsVerificationProcess;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tenants, groups, authorizations and Tasklist filters every installation needs (all profiles), created once when
 * the engine is built and left alone when they already exist. Task permissions are not granted here: the engine's
 * default authorization provider gives a candidate group READ and TASK_WORK (application.yaml) on each task it is a
 * candidate of: claim and complete, not rewrite its variables. Only administrators create, change or delete filters.
 * With the organisation's directory ({@link DirectoryIdentityPlugin}, a read-only identity service) the groups and
 * their members are the directory's and are not created here; the tenants and which groups belong to them stay the
 * product's, written by {@link DatabaseTenants}.
 */
@Component
@Order(IdentitySetup.ORDER)
public class IdentitySetup extends AbstractProcessEnginePlugin {

  static final int ORDER = 100;

  public static final String ADMIN_GROUP = Groups.CAMUNDA_ADMIN;
  public static final String DESK_GROUP = SmsVerificationProcess.VERIFICATION_DESK_GROUP;
  public static final String VERIFY_FILTER = Texts.text("staff.identity.filter.verify");
  /** the review filter before expressions left the stored queries: one for all bureaus, ${currentUserGroups()} */
  static final String LEGACY_REVIEW_FILTER = Texts.text("staff.identity.filter.legacyReview");

  /**
   * the engine's default ([a-zA-Z0-9]+) refuses the hyphenated ids of docs/http-contract.md: bureau-CN-GS, CN-GS,
   * verification-desk, reviewer-gs
   */
  static final String RESOURCE_ID_PATTERN = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setGeneralResourceWhitelistPattern(RESOURCE_ID_PATTERN);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identities = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();

    group(identities, ADMIN_GROUP, "camunda BPM Administrators", Groups.GROUP_TYPE_SYSTEM);
    for (Resource resource : Resources.values()) {
      grant(authorizations, ADMIN_GROUP, resource, ANY, Permissions.ALL);
    }

    group(identities, DESK_GROUP, Texts.text("staff.identity.desk"), Groups.GROUP_TYPE_WORKFLOW);
    grant(authorizations, DESK_GROUP, Resources.APPLICATION, "tasklist", Permissions.ACCESS);

    for (String province : Provinces.codes()) {
      String bureauName = Texts.text("staff.identity.bureau", Provinces.nameOf(province));
      String bureau = FilingProcess.bureauGroup(province);
      tenant(engine, province, bureauName);
      group(identities, bureau, bureauName, Groups.GROUP_TYPE_WORKFLOW);
      tenantMember(engine, province, bureau);
      tenantMember(engine, province, DESK_GROUP);
      grantBureau(authorizations, bureau);
    }

    // Tasklist filters hold no expression (SECURITY.md): each bureau gets its own, naming its province outright
    FilterService filters = engine.getFilterService();
    filters.createFilterQuery().filterName(LEGACY_REVIEW_FILTER).list().forEach(f -> filters.deleteFilter(f.getId()));
    for (String province : Provinces.codes()) {
      String bureau = FilingProcess.bureauGroup(province);
      TaskQuery review = engine.getTaskService().createTaskQuery()
          .taskDefinitionKey(FilingProcess.Elements.REVIEW_FILING).tenantIdIn(province).taskCandidateGroup(bureau)
          .includeAssignedTasks().orderByDueDate().asc().orderByTaskCreateTime().asc();
      String reviewFilter = filter(filters, reviewFilter(province), review, 10,
          Texts.text("staff.identity.filter.review.description", Provinces.nameOf(province)));
      grant(authorizations, bureau, Resources.FILTER, reviewFilter, Permissions.READ);
    }

    TaskQuery desk = engine.getTaskService().createTaskQuery()
        .taskDefinitionKey(SmsVerificationProcess.Elements.VERIFY_SMS_CODE).taskCandidateGroup(DESK_GROUP)
        .includeAssignedTasks().orderByTaskCreateTime().asc();
    String verifyFilter = filter(filters, VERIFY_FILTER, desk, 20, Texts.text("staff.identity.filter.verify.description"));
    grant(authorizations, DESK_GROUP, Resources.FILTER, verifyFilter, Permissions.READ);
  }

  /** the Tasklist filter of a province's bureau: 待审核 (甘肃) */
  public static String reviewFilter(String province) {
    return Texts.text("staff.identity.filter.review", Provinces.nameOf(province));
  }

  /** resource ANY: the tenant check narrows every definition and instance to the bureau's own province */
  private static void grantBureau(AuthorizationService authorizations, String bureau) {
    grant(authorizations, bureau, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(authorizations, bureau, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(authorizations, bureau, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE);
    grant(authorizations, bureau, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    grant(authorizations, bureau, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grant(authorizations, bureau, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
  }

  private static void tenant(ProcessEngine engine, String id, String name) {
    IdentityService identities = engine.getIdentityService();
    if (identities.isReadOnly()) {
      DatabaseTenants.ensureTenant(engine, id, name);
    } else if (identities.createTenantQuery().tenantId(id).count() == 0) {
      Tenant tenant = identities.newTenant(id);
      tenant.setName(name);
      identities.saveTenant(tenant);
    }
  }

  /** nothing with a directory: its groups are the directory's */
  private static void group(IdentityService identities, String id, String name, String type) {
    if (!identities.isReadOnly() && identities.createGroupQuery().groupId(id).count() == 0) {
      Group group = identities.newGroup(id);
      group.setName(name);
      group.setType(type);
      identities.saveGroup(group);
    }
  }

  private static void tenantMember(ProcessEngine engine, String tenantId, String groupId) {
    IdentityService identities = engine.getIdentityService();
    if (identities.isReadOnly()) {
      DatabaseTenants.ensureGroupMember(engine, tenantId, groupId);
    } else if (identities.createTenantQuery().tenantId(tenantId).groupMember(groupId).count() == 0) {
      identities.createTenantGroupMembership(tenantId, groupId);
    }
  }

  /** one GRANT row per group and resource; missing permissions are added to it, never a second row */
  private static void grant(AuthorizationService authorizations, String groupId, Resource resource, String resourceId,
      Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    Authorization authorization = existing;
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }

  /**
   * owner-less, shared through FILTER READ authorizations; found again by its name, and brought back to the product's
   * query and properties when they differ (an older release's filter, or one an administrator edited)
   */
  private static String filter(FilterService filters, String name, TaskQuery query, int priority, String description) {
    Map<String, Object> properties = Map.of("priority", priority, "description", description, "refresh", true);
    FilterEntity wanted = (FilterEntity) filters.newTaskFilter(name).setQuery(query).setProperties(properties);
    List<Filter> found = filters.createFilterQuery().filterName(name).list();
    if (found.isEmpty()) {
      return filters.saveFilter(wanted).getId();
    }
    FilterEntity existing = (FilterEntity) found.get(0);
    if (!Objects.equals(existing.getQueryInternal(), wanted.getQueryInternal())
        || !Objects.equals(existing.getProperties(), wanted.getProperties())) {
      existing.setQuery(query);
      existing.setProperties(properties);
      filters.saveFilter(existing);
    }
    return existing.getId();
  }
}
