package cn.beian.verify;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.process.FilingProcess;
import cn.beian.verify.verification.VerificationService;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The verification desk and a bureau reviewer at work in Tasklist, in a real headless Chromium, as the demo users:
 * the chrome in Chinese without the end-of-life banner, tasks named by request number and found by it, the desk's
 * form answering a wrong entry and forgetting the error once the right one is in, the review form's tables, the
 * internal process absent from "Start process", Cockpit in Chinese. Screenshots under target/screenshots/tasklist-*.
 */
@SharedHttpContext
class TasklistBrowserTest extends HttpTestSupport {
  private static final Dimension DESKTOP = new Dimension(1400, 950);

  private static Browser chromium;
  private static WebDriver browser;

  @Autowired FilingService filingService;
  @Autowired FilingRepository filings;
  @Autowired VerificationService verificationService;

  @BeforeAll
  static void startBrowser() throws IOException {
    chromium = Browser.start();
    browser = chromium.driver();
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void desktopWindow() {
    browser.manage().window().setSize(DESKTOP);
  }

  @Test
  void shouldLetTheDeskVerifyACallerAndTheBureauReviewTheRequestInChinese() {
    // given a request of a Gansu company waiting for two persons, and another request beside it
    Person zhang = person("张三"), li = person("李四");
    FilingSubmission submission = TestData.newFiling("CN-GS", zhang, li);
    String filingId = filingService.submit("demo-provider-a", submission).filing().id();
    runJobs(filingId);
    String other = filingService.submit("demo-provider-a", TestData.newFiling("CN-GS", person("王五"), person("赵六")))
        .filing().id();
    runJobs(other);

    // when the desk logs in to Tasklist
    login("desk");

    // then Tasklist speaks Chinese, carries the product's name and no end-of-life banner
    WebElement brand = wait(By.cssSelector(".navbar-brand .brand-name"));
    assertThat(brand.getText()).isEqualTo("备案短信核验 任务列表");
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner"))).allSatisfy(b -> assertThat(b.isDisplayed()).isFalse());
    assertThat(bodyText()).contains("待核验", "启动流程").doesNotContain("Start process", "Claim", "migrate");

    // and the desk finds the caller's request by its number (Tasklist's search on the process variable requestNo)
    searchByRequestNo(submission.requestNo());
    List<String> found = taskNames(2);
    assertThat(found).containsExactlyInAnyOrder(
        "短信核验 " + submission.requestNo() + " 张* " + PhoneNumbers.mask(zhang.phone()),
        "短信核验 " + submission.requestNo() + " 李* " + PhoneNumbers.mask(li.phone()));
    assertThat(bodyText()).contains("到期");
    chromium.screenshot("tasklist-01-desk-search-by-request-number");

    // when the desk opens Zhang's task, claims it and leaves the code empty
    openTask("张*");
    claim();
    WebElement code = formInput("smsCode");
    code.sendKeys("1");
    code.sendKeys(Keys.BACK_SPACE);
    formInput("phone").click();

    // then form-js tells what is missing in Chinese
    wait(By.xpath("//*[contains(@class,'fjs-form-field-error') and contains(., '此项为必填项。')]"));
    assertThat(bodyText()).doesNotContain("Field is required");
    chromium.screenshot("tasklist-02-desk-required-field");

    // when the right code is sent with a wrong ID suffix
    code.sendKeys(latestCode(zhang.phone()));
    formInput("phone").sendKeys(zhang.phone());
    formInput("idLast6").sendKeys("000000");
    complete();

    // then the desk reads the message of docs/rules.md §5, and the task stays open
    WebElement error = wait(By.cssSelector(".page-notifications .alert-danger"));
    assertThat(error.getText()).contains("张*的短信核验失败,请输入正确的信息。");
    chromium.screenshot("tasklist-03-desk-wrong-id-suffix");
    assertThat(filings.get(filingId).status()).isEqualTo(FilingStatus.VERIFYING);

    // when the right suffix is entered
    WebElement suffix = formInput("idLast6");
    suffix.clear();
    suffix.sendKeys(last6(zhang));
    complete();

    // then the task is done and the red box is gone
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> taskNamesNow().size() == 1);
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector(".page-notifications .alert-danger")));
    chromium.screenshot("tasklist-04-desk-verified-error-gone");

    // given Li verified on the public page: the request goes to Gansu's bureau
    verificationService.check(li.phone(), latestCode(li.phone()), last6(li));
    runJobs(filingId);
    assertThat(filings.get(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);

    // when Zhejiang's reviewer looks: nothing of it
    login("reviewer-zj");
    wait(By.cssSelector(".navbar-brand .brand-name"));
    searchByRequestNo(submission.requestNo());
    assertThat(taskNames(0)).isEmpty();

    // when Gansu's reviewer logs in: the task names the request, its type and the company, and has a due date
    login("reviewer-gs");
    searchByRequestNo(submission.requestNo());
    assertThat(taskNames(1)).containsExactly("管局审核 " + submission.requestNo() + " 首次备案 兰州示例科技有限公司");
    chromium.screenshot("tasklist-05-reviewer-list");

    // and the review form shows the request, the persons (in clear for this bureau) and the trail as tables
    browser.manage().window().setSize(new Dimension(1400, 2400));
    openTask("管局审核");
    wait(By.cssSelector(".fjs-table"));
    String form = browser.findElement(By.cssSelector(".fjs-container")).getText();
    assertThat(form).contains("备案申请 " + submission.requestNo() + " · 首次备案 · 兰州示例科技有限公司",
        "申请信息", "负责人", "短信核验记录", "处理记录", "首次备案", "网站", "甘肃", "演示接入商A", "管局审核中",
        "主体负责人", "网站负责人", "居民身份证", "张三", "李四", zhang.phone(), zhang.idNumber(), "已核验",
        "核验未通过一次", "证件号码后六位不符", "审核结论", "审核意见");
    assertThat(form).doesNotContainPattern("NEW_FILING|WEBSITE\\b|ENTITY_PRINCIPAL|RESIDENT_ID|SMS_SENT|UNDER_REVIEW|null");
    WebElement details = browser.findElement(By.cssSelector(".task-details"));
    browser.findElement(By.cssSelector(".task-details .maximize")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> details.getRect().getX() < 100);
    chromium.screenshot("tasklist-06-reviewer-form");

    // when the reviewer approves with a comment
    claim();
    browser.findElement(By.xpath("//div[contains(@class,'fjs-container')]//label[normalize-space(.)='审核通过']")).click();
    browser.findElement(By.cssSelector(".fjs-container textarea")).sendKeys("材料齐全,核验记录完整。");
    complete();

    // then the request is approved by her
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> filings.get(filingId).status() == FilingStatus.APPROVED);
    assertThat(filings.get(filingId).reviewedBy()).isEqualTo("reviewer-gs");
    assertThat(filings.get(filingId).reviewComment()).isEqualTo("材料齐全,核验记录完整。");
    browser.manage().window().setSize(DESKTOP);
  }

  @Test
  void shouldOfferOnlyTheFilingProcessToStartAndShowCockpitInChinese() {
    // when the administrator opens "Start process" in Tasklist
    login("demo");
    wait(By.xpath("//a[contains(., '启动流程')]")).click();
    WebElement dialog = wait(By.cssSelector(".modal-content"));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> dialog.getText().contains("备案申请"));

    // then the filing process is offered, the SMS verification (internal) is not (other tests of this context deploy
    // processes of their own, named 测试: …)
    List<String> offered = dialog.findElements(By.cssSelector("a")).stream().map(a -> a.getText().strip())
        .filter(name -> !name.isEmpty()).toList();
    assertThat(offered).contains("备案申请").doesNotContain("短信核验", FilingProcess.KEY);
    chromium.screenshot("tasklist-07-start-process-dialog");

    // and Cockpit greets the operator in Chinese, under the product's name
    browser.get(url("/camunda/app/cockpit/default/"));
    WebElement brand = wait(By.cssSelector(".navbar-brand .brand-name"));
    assertThat(brand.getText()).isEqualTo("备案短信核验 运维监控");
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> bodyText().contains("未解决的故障"));
    assertThat(bodyText()).contains("当前概况", "已部署").doesNotContain("Running Process Instances");
    chromium.screenshot("tasklist-08-cockpit-dashboard");
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** a fresh session of the user (password = user name) through Tasklist's login page */
  private void login(String user) {
    browser.get(url("/camunda/app/tasklist/default/"));
    browser.manage().deleteAllCookies();
    ((JavascriptExecutor) browser).executeScript("window.localStorage.clear();");
    browser.get(url("/camunda/app/tasklist/default/#/login"));
    WebElement name = wait(By.cssSelector("input[type=text]"));
    name.sendKeys(user);
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait(By.cssSelector(".navbar-brand .brand-name"));
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(d -> !d.findElements(By.cssSelector("[cam-tasklist-filters] .task-filter")).isEmpty());
  }

  /** Tasklist's search on a process variable, as a link a colleague could be sent */
  private void searchByRequestNo(String requestNo) {
    String query = "[{\"type\":\"processVariables\",\"operator\":\"eq\",\"value\":\"" + requestNo
        + "\",\"name\":\"" + FilingProcess.Vars.REQUEST_NO + "\"}]";
    browser.get(url("/camunda/app/tasklist/default/#/?searchQuery=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
  }

  /** the names of the tasks listed, once {@code expected} of them are */
  private List<String> taskNames(int expected) {
    new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> taskNamesNow().size() == expected
        && d.findElements(By.cssSelector("[cam-tasklist-tasks] .loader:not(.ng-hide)")).isEmpty());
    return taskNamesNow();
  }

  /** read at once: Tasklist re-renders its list while it refreshes */
  @SuppressWarnings("unchecked")
  private List<String> taskNamesNow() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll("
        + "'ol.tasks-list li.task h4.task a')).map(function (a) { return a.textContent.trim(); });");
  }

  private void openTask(String nameContains) {
    new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(d -> {
      d.findElements(By.cssSelector("ol.tasks-list li.task h4.task a")).stream()
          .filter(a -> a.getText().contains(nameContains)).findFirst().orElseThrow().click();
      return true;
    });
    wait(By.cssSelector(".fjs-container"));
  }

  private void claim() {
    WebElement claim = wait(By.xpath("//*[@cam-tasklist-task-meta]//*[normalize-space(text())='认领']"));
    claim.click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(
        By.xpath("//*[@cam-tasklist-task-meta]//*[normalize-space(text())='认领']")).isEmpty());
  }

  private WebElement formInput(String key) {
    return wait(By.cssSelector(".fjs-container [id$='Field_" + key + "']"));
  }

  private void complete() {
    WebElement button = browser.findElement(By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='完成']"));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(button));
    button.click();
  }

  private WebElement wait(By locator) {
    return new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  private String bodyText() {
    return browser.findElement(By.tagName("body")).getText();
  }
}
