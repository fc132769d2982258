package cn.beian.verify.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.Browser;
import cn.beian.verify.SharedHttpContext;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.process.identity.IdentitySetup;
import cn.beian.verify.verification.Verifier;
import cn.beian.verify.verification.VerifierStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda's own Tasklist and Cockpit in a real headless Chromium, with the hardening of SECURITY.md in place
 * (TASK_WORK, the 2000-result query limit, the HTTP edge, expression-free filters): the reviewer approves through its
 * bureau's filter, the desk sees a wrong entry refused in plain Chinese with the attempts left and then verifies, a
 * reviewer's Cockpit shows its instance. A screenshot of each state lands in target/screenshots/.
 */
@SharedHttpContext
class TasklistBrowserTest extends StaffRestSupport {
  private static final By ERROR_NOTICE = By.cssSelector(".page-notifications .alert-danger");

  private Browser chromium;
  private WebDriver browser;

  @BeforeEach
  void startBrowser() throws IOException {
    chromium = Browser.start();
    browser = chromium.driver();
    browser.manage().window().setSize(new Dimension(1400, 1000));
  }

  @AfterEach
  void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void shouldLetTheReviewerApproveThroughItsBureausFilter() {
    // given a Gansu request under review
    TestFiling gansu = underReview("CN-GS");
    Task review = reviewTask(gansu.id());

    // when Gansu's reviewer logs in to Tasklist
    login("tasklist", "reviewer-gs");
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
        IdentitySetup.reviewFilter("CN-GS")));
    screenshot("tasklist-reviewer-filters");

    // then its bureau's filter lists the task; it opens, is claimed and approved through the form
    open("tasklist", "#/?task=" + review.getId());
    claim();
    WebElement approved = wait(30).until(ExpectedConditions.elementToBeClickable(
        By.xpath("//div[contains(@class,'fjs-container')]//label[normalize-space(.)='审核通过']")));
    // Tasklist's task header may cover the form's lower part: bring the choice to the middle of the view first
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", approved);
    approved.click();
    List<WebElement> textareas = browser.findElements(By.cssSelector(".fjs-container textarea"));
    // leaving a field (Tab) hands its value to the form at once instead of after form-js' typing debounce
    textareas.get(textareas.size() - 1).sendKeys("材料齐全", Keys.TAB);
    screenshot("tasklist-reviewer-form");
    click(By.cssSelector("[ng-click=\"complete()\"]"));
    wait(30).until(driver -> filings.get(gansu.id()).status() == FilingStatus.APPROVED);
    screenshot("tasklist-reviewer-done");
    assertThat(browser.findElements(ERROR_NOTICE)).isEmpty();
    assertThat(filings.get(gansu.id()).reviewedBy()).isEqualTo("reviewer-gs");
  }

  @Test
  void shouldShowTheDeskAWrongEntryInPlainChineseThenVerify() {
    // given a verifier task of a Zhejiang request
    TestFiling zhejiang = verifying("CN-ZJ");
    Verifier zhang = verifierOf(zhejiang, zhejiang.zhang());
    String code = latestCode(zhejiang.zhang().phone());

    // when the desk enters the code with a wrong ID suffix in Tasklist's form
    login("tasklist", "desk");
    open("tasklist", "#/?task=" + zhang.taskId());
    claim();
    List<WebElement> fields = wait(30).until(ExpectedConditions.numberOfElementsToBe(
        By.cssSelector(".fjs-container input"), 3));
    fields.get(0).sendKeys(code, Keys.TAB);
    fields.get(1).sendKeys(zhejiang.zhang().phone(), Keys.TAB);
    fields.get(2).sendKeys("000000", Keys.TAB);
    click(By.cssSelector("[ng-click=\"complete()\"]"));

    // then Tasklist shows the message of docs/rules.md §5 and the attempts left, no engine jargon
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(ERROR_NOTICE, "核验失败"));
    WebElement notice = browser.findElement(ERROR_NOTICE);
    screenshot("tasklist-desk-wrong-entry");
    assertThat(notice.getText()).contains("张*的短信核验失败,请输入正确的信息。", "您还可以再输错4次")
        .doesNotContain("ENGINE-", "Exception");
    assertThat(verifiers.get(zhang.id()).status()).isEqualTo(VerifierStatus.PENDING);

    // when the right suffix is entered
    WebElement suffix = browser.findElements(By.cssSelector(".fjs-container input")).get(2);
    suffix.clear();
    suffix.sendKeys(TestData.last6(zhejiang.zhang()), Keys.TAB);
    click(By.cssSelector("[ng-click=\"complete()\"]"));

    // then the person is verified
    wait(30).until(driver -> verifiers.get(zhang.id()).status() == VerifierStatus.VERIFIED);
    screenshot("tasklist-desk-verified");
  }

  @Test
  void shouldShowAReviewerItsProvincesInstanceInCockpit() {
    // given a Gansu request under review
    TestFiling gansu = underReview("CN-GS");
    String instance = filingInstance(gansu.id()).getId();
    // when Gansu's reviewer opens the instance in Cockpit
    login("cockpit", "reviewer-gs");
    open("cockpit", "#/process-instance/" + instance + "/runtime");
    // then it shows, with its variables, and nothing failed
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), gansu.id()));
    screenshot("cockpit-reviewer-instance");
    assertThat(browser.findElements(ERROR_NOTICE)).isEmpty();
  }

  private void login(String app, String user) {
    browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/");
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=password]")));
    browser.findElement(By.cssSelector("input[type=text]")).sendKeys(user);
    browser.findElement(By.cssSelector("input[type=password]")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait(30).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[type=password]")));
  }

  /** claims the open task and waits until Tasklist shows it claimed (the form is rendered again then) */
  private void claim() {
    click(By.cssSelector("[ng-click=\"claim()\"]"));
    wait(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[ng-click=\"unclaim()\"]")));
  }

  private void open(String app, String fragment) {
    browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/" + fragment);
  }

  /** clicked as a script does: the page footer covers the bottom of the task form, where Complete is */
  private void click(By locator) {
    WebElement element = wait(30).until(ExpectedConditions.elementToBeClickable(locator));
    ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
  }

  private WebDriverWait wait(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private void screenshot(String name) {
    chromium.screenshot(name);
  }
}
