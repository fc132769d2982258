package cn.beian.verify.process.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.kernel.Provinces;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@SharedHttpContext
class IdentitySetupTest {

  @Autowired ProcessEngine engine;
  @Autowired IdentitySetup identitySetup;
  @Autowired DemoAccounts demoAccounts;

  @Test
  void shouldCreateNothingTwice() {
    // given the setup ran at startup
    List<Long> before = counts();
    // when it runs again, as on a restart
    identitySetup.postProcessEngineBuild(engine);
    demoAccounts.postProcessEngineBuild(engine);
    // then
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void shouldMakeEveryProvinceATenantWithItsBureau() {
    IdentityService identities = engine.getIdentityService();
    assertThat(identities.createTenantQuery().tenantIdIn(Provinces.codes().toArray(String[]::new)).count()).isEqualTo(31);
    Tenant gansu = identities.createTenantQuery().tenantId("CN-GS").singleResult();
    assertThat(gansu.getName()).isEqualTo("甘肃通信管理局");
    Group bureau = identities.createGroupQuery().groupId("bureau-CN-GS").singleResult();
    assertThat(bureau.getName()).isEqualTo("甘肃通信管理局");
    assertThat(bureau.getType()).isEqualTo(Groups.GROUP_TYPE_WORKFLOW);
    assertThat(identities.createTenantQuery().groupMember("bureau-CN-GS").list()).extracting(Tenant::getId).containsExactly("CN-GS");
    assertThat(identities.createTenantQuery().groupMember(IdentitySetup.DESK_GROUP).count()).isEqualTo(31);
  }

  @Test
  void shouldShareEachFilterWithTheGroupsThatUseIt() {
    // each bureau reads its own province's review filter, and no other group reads it
    for (String province : Provinces.codes()) {
      Filter review = engine.getFilterService().createFilterQuery().filterName(IdentitySetup.reviewFilter(province)).singleResult();
      assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(review.getId())
          .hasPermission(Permissions.READ).list()).extracting(a -> a.getGroupId()).containsExactly("bureau-" + province);
    }
    Filter verify = engine.getFilterService().createFilterQuery().filterName(IdentitySetup.VERIFY_FILTER).singleResult();
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.FILTER).resourceId(verify.getId())
        .groupIdIn(IdentitySetup.DESK_GROUP).hasPermission(Permissions.READ).count()).isOne();
  }

  @Test
  void shouldCreateTheDemoAccountsInTheirGroups() {
    IdentityService identities = engine.getIdentityService();
    assertThat(identities.checkPassword("demo", "demo")).isTrue();
    assertThat(identities.createGroupQuery().groupMember("demo").groupId(Groups.CAMUNDA_ADMIN).count()).isOne();
    assertThat(identities.createGroupQuery().groupMember("reviewer-gs").singleResult().getId()).isEqualTo("bureau-CN-GS");
    assertThat(identities.createGroupQuery().groupMember("reviewer-zj").singleResult().getId()).isEqualTo("bureau-CN-ZJ");
    assertThat(identities.createGroupQuery().groupMember("desk").singleResult().getId()).isEqualTo(IdentitySetup.DESK_GROUP);
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN)
        .resourceType(Resources.AUTHORIZATION).hasPermission(Permissions.ALL).count()).isOne();
  }

  private List<Long> counts() {
    IdentityService identities = engine.getIdentityService();
    return List.of(
        identities.createTenantQuery().count(),
        identities.createGroupQuery().count(),
        identities.createUserQuery().count(),
        identities.createTenantQuery().groupMember(IdentitySetup.DESK_GROUP).count(),
        identities.createGroupQuery().groupMember("demo").count(),
        engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.APPLICATION).count(),
        engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.PROCESS_DEFINITION).count(),
        engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.FILTER).count(),
        engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN).count(),
        engine.getFilterService().createFilterQuery().count());
  }
}
