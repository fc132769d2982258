package cn.beian.verify.review;

import static cn.beian.verify.security.SecurityTestProcesses.login;
import static cn.beian.verify.security.SecurityTestProcesses.reviewTask;
import static cn.beian.verify.security.SecurityTestProcesses.startFiling;
import static cn.beian.verify.security.SecurityTestProcesses.verifyTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.security.SecurityTestProcesses;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@SharedHttpContext
class TenantIsolationTest {

  @Autowired ProcessEngine engine;

  ProcessInstance gansu;
  ProcessInstance zhejiang;

  @BeforeEach
  void startOneFilingPerProvince() {
    SecurityTestProcesses.deploy(engine);
    gansu = startFiling(engine, "CN-GS");
    zhejiang = startFiling(engine, "CN-ZJ");
  }

  @AfterEach
  void logout() {
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void shouldGiveEachInstanceItsProvinceAsTenant() {
    assertThat(gansu.getTenantId()).isEqualTo("CN-GS");
    assertThat(zhejiang.getTenantId()).isEqualTo("CN-ZJ");
    assertThat(reviewTask(engine, zhejiang).getTenantId()).isEqualTo("CN-ZJ");
  }

  @Test
  void shouldGiveTheCalledInstanceTheTenantOfItsCaller() {
    // the called process gets no province variable: its tenant comes from the super execution
    ProcessInstance called = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(zhejiang.getId()).singleResult();
    assertThat(called.getTenantId()).isEqualTo("CN-ZJ");
    assertThat(verifyTask(engine, zhejiang).getTenantId()).isEqualTo("CN-ZJ");
  }

  @Test
  void shouldRefuseAFilingOfAnUnknownProvince() {
    assertThatThrownBy(() -> startFiling(engine, "CN-XX")).isInstanceOf(ProcessEngineException.class).hasMessageContaining("CN-XX");
  }

  @Test
  void shouldGrantTheCandidateGroupReadAndTaskWorkButNotUpdateOnItsTask() {
    // given the engine's default authorization provider, when the review task is created
    Task task = reviewTask(engine, gansu);
    // then bureau-CN-GS holds a task authorization created for it: it may work the task, not rewrite its variables
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization authorization = authorizations.createAuthorizationQuery()
        .groupIdIn("bureau-CN-GS").resourceType(Resources.TASK).resourceId(task.getId()).singleResult();
    assertThat(authorization).isNotNull();
    assertThat(authorization.isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(authorization.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
    assertThat(authorization.isPermissionGranted(Permissions.UPDATE)).isFalse();
    assertThat(authorization.isPermissionGranted(TaskPermissions.UPDATE_VARIABLE)).isFalse();
  }

  @Test
  void shouldShowAReviewerOnlyTheTasksOfTheirProvince() {
    // when
    login(engine.getIdentityService(), "reviewer-gs");
    List<Task> visible = engine.getTaskService().createTaskQuery().unlimitedList();
    // then
    assertThat(visible).extracting(Task::getId).contains(reviewTask(engine, gansu).getId());
    assertThat(visible).extracting(Task::getTenantId).containsOnly("CN-GS");
    assertThat(visible).extracting(Task::getTaskDefinitionKey).containsOnly(SecurityTestProcesses.REVIEW_TASK);
  }

  @Test
  void shouldHideTheInstancesOfOtherProvinces() {
    login(engine.getIdentityService(), "reviewer-gs");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(zhejiang.getId()).count()).isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(gansu.getId()).count()).isOne();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(zhejiang.getId()).count()).isZero();
  }

  @Test
  void shouldRefuseToCompleteTheTaskOfAnotherProvince() {
    // given
    Task zhejiangReview = reviewTask(engine, zhejiang);
    login(engine.getIdentityService(), "reviewer-gs");
    // when/then: the tenant check (run before the authorization check) refuses it
    assertThatThrownBy(() -> engine.getTaskService().complete(zhejiangReview.getId(), Map.of("approved", true)))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("no authenticated tenant");
    engine.getIdentityService().clearAuthentication();
    assertThat(engine.getTaskService().createTaskQuery().taskId(zhejiangReview.getId()).count()).isOne();
  }

  @Test
  void shouldRefuseTheTaskOfTheirProvinceToAnotherBureausMember() {
    // given a desk member, who belongs to every province tenant but is no candidate of review tasks
    Task gansuReview = reviewTask(engine, gansu);
    login(engine.getIdentityService(), "desk");
    // when/then: past the tenant check, the authorization check refuses it
    assertThatThrownBy(() -> engine.getTaskService().complete(gansuReview.getId(), Map.of("approved", true)))
        .isInstanceOf(AuthorizationException.class);
  }

  @Test
  void shouldLetAReviewerCompleteTheTaskOfTheirProvince() {
    Task gansuReview = reviewTask(engine, gansu);
    login(engine.getIdentityService(), "reviewer-gs");
    engine.getTaskService().complete(gansuReview.getId(), Map.of("approved", true, "reviewComment", "材料齐全"));
    engine.getIdentityService().clearAuthentication();
    assertThat(engine.getTaskService().createTaskQuery().taskId(gansuReview.getId()).count()).isZero();
  }

  @Test
  void shouldShowTheDeskTheVerifierTasksOfEveryProvince() {
    String gansuVerify = verifyTask(engine, gansu).getId();
    String zhejiangVerify = verifyTask(engine, zhejiang).getId();
    login(engine.getIdentityService(), "desk");
    List<Task> visible = engine.getTaskService().createTaskQuery().unlimitedList();
    assertThat(visible).extracting(Task::getId).contains(gansuVerify, zhejiangVerify);
    assertThat(visible).extracting(Task::getTaskDefinitionKey).containsOnly(SecurityTestProcesses.VERIFY_TASK);
  }
}
