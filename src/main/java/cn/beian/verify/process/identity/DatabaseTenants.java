package cn.beian.verify.process.identity;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TenantEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TenantMembershipEntity;

/**
 * Writes the product's tenants and their group memberships into Camunda's tables when the identity service is
 * read-only (users and groups from the directory), where {@code IdentityService.saveTenant} and
 * {@code createTenantGroupMembership} refuse to work. Camunda's schema ties each tenant membership to a row of
 * ACT_ID_GROUP (foreign key), so a group that is given a province gets a row there too, holding its id only: who
 * belongs to it is still decided by the directory. Each write happens once; a second call changes nothing.
 */
final class DatabaseTenants {
  private DatabaseTenants() {}

  static void ensureTenant(ProcessEngine engine, String tenantId, String name) {
    execute(engine, context -> {
      DbEntityManager db = context.getDbEntityManager();
      if (db.selectById(TenantEntity.class, tenantId) == null) {
        TenantEntity tenant = new TenantEntity(tenantId);
        tenant.setName(name);
        db.insert(tenant);
      }
      return null;
    });
  }

  static void ensureGroupMember(ProcessEngine engine, String tenantId, String groupId) {
    execute(engine, context -> {
      DbEntityManager db = context.getDbEntityManager();
      GroupEntity group = db.selectById(GroupEntity.class, groupId);
      if (group == null) {
        group = new GroupEntity(groupId);
        group.setName(groupId);
        group.setType(Groups.GROUP_TYPE_WORKFLOW);
        db.insert(group);
      }
      long memberships = (Long) db.selectOne("selectTenantMembershipCount", Map.of("tenantId", tenantId, "groupId", groupId));
      if (memberships == 0) {
        TenantMembershipEntity membership = new TenantMembershipEntity();
        membership.setTenant(db.selectById(TenantEntity.class, tenantId));
        membership.setGroup(group);
        db.insert(membership);
      }
      return null;
    });
  }

  private static void execute(ProcessEngine engine, Command<Void> command) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired().execute(command);
  }
}
