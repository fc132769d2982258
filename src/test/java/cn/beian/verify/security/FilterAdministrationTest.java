package cn.beian.verify.security;

import static cn.beian.verify.security.SecurityTestProcesses.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.process.RefusalException;
import cn.beian.verify.process.SmsVerificationProcess;
import cn.beian.verify.process.identity.IdentitySetup;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The product's Tasklist filters: expression-free, each bureau its own province, and only administrators change them. */
@SharedHttpContext
class FilterAdministrationTest extends StaffRestSupport {

  @AfterEach
  void logout() {
    engine.getIdentityService().clearAuthentication();
  }

  @ParameterizedTest
  @CsvSource({"reviewer-gs,rest", "reviewer-gs,webapp", "desk,rest", "desk,webapp"})
  void shouldLetNoOneButAnAdministratorCreateChangeOrDeleteAFilter(String user, String surface) {
    // given the reviewer's own review filter
    Filter own = filter(IdentitySetup.reviewFilter("CN-GS"));
    String query = ((org.camunda.bpm.engine.impl.persistence.entity.FilterEntity) own).getQueryInternal();
    long filters = engine.getFilterService().createFilterQuery().count();

    // when staff try to create, change and delete filters
    assertRefusal(call(surface, user, "POST", "/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"所有任务\",\"query\":{}}"), 403);
    assertRefusal(call(surface, user, "PUT", "/filter/" + own.getId(),
        "{\"resourceType\":\"Task\",\"name\":\"所有任务\",\"query\":{}}"), 403);
    assertRefusal(call(surface, user, "DELETE", "/filter/" + own.getId(), null), 403);

    // then the filters are as they were
    assertThat(engine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
    Filter after = filter(IdentitySetup.reviewFilter("CN-GS"));
    assertThat(after.getName()).isEqualTo(IdentitySetup.reviewFilter("CN-GS"));
    assertThat(((org.camunda.bpm.engine.impl.persistence.entity.FilterEntity) after).getQueryInternal()).isEqualTo(query);
  }

  @Test
  void shouldRefuseFilterChangesByStaffInTheEngineToo() {
    // given a reviewer logged in to the engine directly, past the HTTP edge
    login(engine.getIdentityService(), "reviewer-gs");
    Filter own = filter(IdentitySetup.reviewFilter("CN-GS"));
    // when/then: no new filter (the engine's FILTER CREATE authorization), no change, no deletion (the engine guard)
    assertThatThrownBy(() -> engine.getFilterService().newTaskFilter("所有任务")).isInstanceOf(AuthorizationException.class);
    own.setName("所有任务");
    assertThatThrownBy(() -> engine.getFilterService().saveFilter(own)).isInstanceOf(RefusalException.class);
    assertThatThrownBy(() -> engine.getFilterService().deleteFilter(own.getId())).isInstanceOf(RefusalException.class);
    engine.getIdentityService().clearAuthentication();
    assertThat(filter(IdentitySetup.reviewFilter("CN-GS"))).isNotNull();
    assertThat(engine.getFilterService().createFilterQuery().filterName("所有任务").count()).isZero();
  }

  @Test
  void shouldLetTheAdministratorManageFilters() {
    Response created = rest("demo", "POST", "/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"管理员的过滤器\",\"query\":{\"taskDefinitionKey\":\"UserTask_ReviewFiling\"}}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
    String id = created.body().get("id").asText();
    assertThat(rest("demo", "PUT", "/filter/" + id,
        "{\"resourceType\":\"Task\",\"name\":\"管理员的过滤器2\",\"query\":{}}").status()).isEqualTo(204);
    assertThat(rest("demo", "DELETE", "/filter/" + id, null).status()).isEqualTo(204);
    assertThat(engine.getFilterService().createFilterQuery().filterId(id).count()).isZero();
  }

  @Test
  void shouldShowEachBureauOnlyItsOwnFilterAndItsProvincesReviewTasksByDueDate() {
    // given two Gansu requests under review, the later one due first, and one in Zhejiang
    TestFiling first = underReview("CN-GS");
    TestFiling second = underReview("CN-GS");
    TestFiling zhejiang = underReview("CN-ZJ");
    Task firstTask = reviewTask(first.id());
    Task secondTask = reviewTask(second.id());
    engine.getTaskService().setDueDate(firstTask.getId(), Date.from(Instant.parse("2031-01-02T00:00:00Z")));
    engine.getTaskService().setDueDate(secondTask.getId(), Date.from(Instant.parse("2031-01-01T00:00:00Z")));

    // when Gansu's reviewer opens Tasklist
    JsonNode visibleFilters = webapp("reviewer-gs", "GET", "/filter?resourceType=Task&firstResult=0&maxResults=2000", null).body();
    List<String> names = visibleFilters.findValuesAsText("name");
    String filterId = filter(IdentitySetup.reviewFilter("CN-GS")).getId();
    JsonNode tasks = webapp("reviewer-gs", "POST", "/filter/" + filterId + "/list?firstResult=0&maxResults=2000", "{}").body();

    // then one filter, its own; only Gansu's review tasks, the earlier due date first
    assertThat(names).containsExactly(IdentitySetup.reviewFilter("CN-GS"));
    assertThat(tasks.findValuesAsText("taskDefinitionKey")).containsOnly(FilingProcess.Elements.REVIEW_FILING);
    assertThat(tasks.findValuesAsText("tenantId")).containsOnly("CN-GS");
    List<String> ids = tasks.findValuesAsText("id");
    assertThat(ids).contains(firstTask.getId(), secondTask.getId()).doesNotContain(reviewTask(zhejiang.id()).getId());
    assertThat(ids.indexOf(secondTask.getId())).isLessThan(ids.indexOf(firstTask.getId()));
    List<String> dueDates = new ArrayList<>();
    tasks.forEach(task -> {
      if (!task.path("due").isNull() && !task.path("due").isMissingNode()) {
        dueDates.add(task.get("due").asText());
      }
    });
    assertThat(dueDates).isSorted();
  }

  @Test
  void shouldShowTheDeskItsVerifierTasksOfEveryProvince() {
    // given verifier tasks in two provinces and a review task
    TestFiling gansu = verifying("CN-GS");
    TestFiling zhejiang = verifying("CN-ZJ");
    TestFiling reviewed = underReview("CN-GS");
    String filterId = filter(IdentitySetup.VERIFY_FILTER).getId();

    // when the desk opens its filter
    JsonNode tasks = webapp("desk", "POST", "/filter/" + filterId + "/list?firstResult=0&maxResults=2000", "{}").body();

    // then
    assertThat(tasks.findValuesAsText("taskDefinitionKey")).containsOnly(SmsVerificationProcess.Elements.VERIFY_SMS_CODE);
    assertThat(tasks.findValuesAsText("id")).contains(verifierOf(gansu, gansu.zhang()).taskId(),
        verifierOf(zhejiang, zhejiang.li()).taskId()).doesNotContain(reviewTask(reviewed.id()).getId());
  }

  private Filter filter(String name) {
    return engine.getFilterService().createFilterQuery().filterName(name).singleResult();
  }
}
