package cn.beian.verify.process;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.filing.FilingSubmission.Entity;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.review.ReviewService;
import cn.beian.verify.review.ReviewView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the bureau and the desk read in Tasklist before they open a task (name, description, due date), finding a task
 * by its request number, and the review form's content for the bureau and for anyone else.
 */
class ReviewTasksScenarioTest extends ProcessScenarioSupport {
  @Autowired ReviewService reviews;

  private static Instant beijing(String localDateTime) {
    return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
  }

  /** submits, verifies every person and opens the review at the engine's current time */
  private String underReview(FilingSubmission submission, Person... verifiers) {
    String filingId = submitAndSend(submission);
    for (Person p : verifiers) {
      verificationService.check(p.phone(), latestCode(p.phone()), last6(p));
    }
    runJobs(filingId);
    return filingId;
  }

  @Test
  void shouldNameTheReviewTaskByRequestTypeAndOrganisationAndMakeItDueAtTheReviewDeadline() {
    // given a first filing of a company whose persons verified on Monday 2 November 2026, 10:00 in Beijing
    setClock(beijing("2026-11-02T10:00:00"));
    Person zhang = person("张三"), li = person("李四");
    FilingSubmission submission = TestData.newFiling("CN-GS", zhang, li);
    String filingId = underReview(submission, zhang, li);

    // then the bureau's list shows the request number, the type in Chinese and the company in clear
    Task review = reviewTask(filingId);
    assertThat(review.getName()).isEqualTo("管局审核 " + submission.requestNo() + " 首次备案 兰州示例科技有限公司");
    assertThat(review.getDescription()).contains("申请编号:" + submission.requestNo(), "类型:首次备案 · 网站",
        "省份:甘肃", "接入商:", "审核期限:2026-11-30 23:59(北京时间,20个工作日)")
        .doesNotContain("NEW_FILING", "WEBSITE", "张", "李", zhang.phone());
    // due at the end of the 20th working day after the review opened
    assertThat(review.getDueDate()).isEqualTo(Date.from(beijing("2026-11-30T23:59:59")));
  }

  @Test
  void shouldMaskThePersonInTheTaskNameOfAPersonalFiling() {
    // given a personal filing: the entity is the principal himself
    Person ouyang = person("欧阳娜娜"), li = person("李四");
    FilingSubmission company = TestData.newFiling("CN-GS", ouyang, li);
    FilingSubmission personal = new FilingSubmission(company.requestNo(), company.type(), company.province(),
        company.serviceType(), new Entity("欧阳娜娜", ouyang), company.websites(), null);
    String filingId = underReview(personal, ouyang, li);

    // then neither the task nor its history holds the name in clear
    Task review = reviewTask(filingId);
    assertThat(review.getName()).endsWith(" 欧**娜").doesNotContain("欧阳娜娜");
    assertThat(review.getDescription()).contains("主体:欧**娜").doesNotContain("欧阳娜娜");
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(review.getId()).singleResult()
        .getName()).doesNotContain("欧阳娜娜");
  }

  @Test
  void shouldNameTheDesksTasksByRequestNumberAndMakeThemDueWhenTheWindowCloses() {
    // given a request waiting for two verifiers
    Person zhang = person("张三"), li = person("李四");
    FilingSubmission submission = TestData.newFiling("CN-ZJ", zhang, li);
    String filingId = submitAndSend(submission);

    // then each task names the request and the masked person, and is due at the end of the verification window
    assertThat(verifierTasks(filingId)).extracting(Task::getName).containsExactlyInAnyOrder(
        "短信核验 " + submission.requestNo() + " 张* " + zhang.phone().substring(0, 3) + "****" + zhang.phone().substring(7),
        "短信核验 " + submission.requestNo() + " 李* " + li.phone().substring(0, 3) + "****" + li.phone().substring(7));
    assertThat(verifierTasks(filingId)).allSatisfy(task -> {
      assertThat(task.getDueDate()).isEqualTo(Date.from(filing(filingId).verificationDeadline()));
      assertThat(task.getDescription()).contains("申请编号:" + submission.requestNo(), "主体:兰州示例科技有限公司",
          "类型:首次备案 · 浙江", "核验截止:").doesNotContain(zhang.phone(), li.phone());
    });
  }

  @Test
  void shouldFindEveryTaskOfARequestByItsRequestNumber() {
    // given two requests waiting for the desk
    Person zhang = person("张三"), li = person("李四");
    FilingSubmission wanted = TestData.newFiling("CN-GS", zhang, li);
    String filingId = submitAndSend(wanted);
    submitAndSend(TestData.newFiling("CN-GS", person("王五"), person("赵六")));

    // when the desk searches Tasklist by the process variable requestNo (as Tasklist's search does)
    List<Task> found = engine.getTaskService().createTaskQuery()
        .processVariableValueEquals(FilingProcess.Vars.REQUEST_NO, wanted.requestNo()).list();

    // then it finds exactly that request's two verifier tasks, and later its review task
    assertThat(found).extracting(Task::getId).containsExactlyInAnyOrderElementsOf(
        verifierTasks(filingId).stream().map(Task::getId).toList());
    verificationService.check(zhang.phone(), latestCode(zhang.phone()), last6(zhang));
    verificationService.check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);
    assertThat(engine.getTaskService().createTaskQuery()
        .processVariableValueEquals(FilingProcess.Vars.REQUEST_NO, wanted.requestNo()).list())
        .extracting(Task::getId).containsExactly(reviewTask(filingId).getId());
  }

  @Test
  void shouldShowTheBureauThePersonsInClearAndAnyoneElseMasked() {
    // given a request under review
    Person zhang = person("张三"), li = person("李四");
    FilingSubmission submission = TestData.newFiling("CN-GS", zhang, li);
    String filingId = underReview(submission, zhang, li);

    // when the request's bureau looks: names, phones and ID numbers in clear, every code by its Chinese label
    ReviewView bureau = reviews.view(filingId, true);
    assertThat(bureau.unmasked()).isTrue();
    assertThat(bureau.request()).extracting(ReviewView.Item::item, ReviewView.Item::value).contains(
        tuple("申请编号", submission.requestNo()), tuple("申请类型", "首次备案"), tuple("服务类型", "网站"),
        tuple("主体名称", "兰州示例科技有限公司"), tuple("省份", "甘肃"), tuple("接入商", PROVIDER),
        tuple("当前状态", "管局审核中"));
    assertThat(bureau.persons()).extracting(ReviewView.Person::role, ReviewView.Person::website,
        ReviewView.Person::name, ReviewView.Person::phone, ReviewView.Person::idType, ReviewView.Person::idNumber)
        .containsExactlyInAnyOrder(
            tuple("主体负责人", "—", "张三", zhang.phone(), "居民身份证", zhang.idNumber()),
            tuple("网站负责人", "example.cn", "李四", li.phone(), "居民身份证", li.idNumber()));
    assertThat(bureau.verifications()).extracting(ReviewView.Verification::name, ReviewView.Verification::roles,
        ReviewView.Verification::status, ReviewView.Verification::resends, ReviewView.Verification::failedAttempts)
        .containsExactlyInAnyOrder(tuple("张三", "主体负责人", "已核验", "人工 0 次\n自动 未重发", 0),
            tuple("李四", "网站负责人(example.cn)", "已核验", "人工 0 次\n自动 未重发", 0));
    assertThat(bureau.verifications()).allSatisfy(v -> assertThat(v.sent()).matches("首次 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"
        + "\n最近 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"));
    assertThat(bureau.history()).extracting(ReviewView.Event::event)
        .containsSubsequence("接入商提交申请", "发送验证码短信", "短信核验通过", "提交管局审核");
    assertThat(bureau.toString()).doesNotContainPattern("NEW_FILING|WEBSITE|ENTITY_PRINCIPAL|RESIDENT_ID|SMS_SENT");

    // when anyone else looks (an administrator): the same request with every person masked
    ReviewView other = reviews.view(filingId, false);
    assertThat(other.unmasked()).isFalse();
    assertThat(other.persons()).extracting(ReviewView.Person::name, ReviewView.Person::idNumber)
        .containsExactlyInAnyOrder(
            tuple("张*", zhang.idNumber().substring(0, 4) + "**********" + zhang.idNumber().substring(14)),
            tuple("李*", li.idNumber().substring(0, 4) + "**********" + li.idNumber().substring(14)));
    assertThat(other.toString()).doesNotContain("张三", "李四", zhang.phone(), li.phone(), zhang.idNumber());
    assertThat(other.request()).contains(new ReviewView.Item("主体名称", "兰州示例科技有限公司"));
  }
}
