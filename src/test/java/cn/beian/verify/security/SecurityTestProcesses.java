package cn.beian.verify.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** The small test processes of src/test/resources/security and a login that resolves groups and tenants like the webapps and REST. */
public final class SecurityTestProcesses {

  public static final String FILING = "SecurityTest_Filing";
  public static final String VERIFY = "SecurityTest_Verify";
  public static final String REVIEW_TASK = "UserTask_ReviewFiling";
  public static final String VERIFY_TASK = "UserTask_VerifySmsCode";

  /** shared (tenant-less) definitions, deployed once: duplicate filtering makes repeated calls no-ops */
  public static void deploy(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().name("security-tests").enableDuplicateFiltering(true)
        .addClasspathResource("security/" + FILING + ".bpmn")
        .addClasspathResource("security/" + VERIFY + ".bpmn")
        .deploy();
  }

  public static ProcessInstance startFiling(ProcessEngine engine, String province) {
    String filingId = UUID.randomUUID().toString();
    return engine.getRuntimeService().startProcessInstanceByKey(FILING, filingId,
        Map.of("filingId", filingId, "province", province));
  }

  public static Task reviewTask(ProcessEngine engine, ProcessInstance filing) {
    return engine.getTaskService().createTaskQuery().processInstanceId(filing.getId()).taskDefinitionKey(REVIEW_TASK).singleResult();
  }

  public static Task verifyTask(ProcessEngine engine, ProcessInstance filing) {
    ProcessInstance called = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(filing.getId()).singleResult();
    return engine.getTaskService().createTaskQuery().processInstanceId(called.getId()).singleResult();
  }

  public static void login(IdentityService identities, String userId) {
    List<String> groups = new ArrayList<>();
    for (Group group : identities.createGroupQuery().groupMember(userId).list()) {
      groups.add(group.getId());
    }
    List<String> tenants = new ArrayList<>();
    for (Tenant tenant : identities.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()) {
      tenants.add(tenant.getId());
    }
    identities.setAuthentication(userId, groups, tenants);
  }

  private SecurityTestProcesses() {}
}
