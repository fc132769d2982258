package cn.beian.verify.portal;

import static cn.beian.verify.TestData.last6;
import static cn.beian.verify.TestData.person;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beian.verify.Browser;
import cn.beian.verify.HttpTestSupport;
import cn.beian.verify.TestData;
import cn.beian.verify.filing.FilingService;
import cn.beian.verify.filing.FilingStatus;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingSubmission.Person;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import cn.beian.verify.testdb.TestDatabases;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The public page in a real headless Chromium (the Debian package, driven through /usr/bin/chromedriver): the short
 * link, the slider puzzle dragged like a person would, each answer a verifier can get, the SMS limit. One screenshot
 * per state under target/screenshots/ for people to look at. A missing browser fails, it never skips. Runs on H2
 * only: what it tests is the page, and the same requests run on PostgreSQL in the API tests.
 */
@PortalIntegrationTest
@Tag(TestDatabases.BROWSER)
class VerifyPageBrowserTest extends HttpTestSupport {
  private static final Pattern LINK = Pattern.compile("/v/([A-Za-z0-9_-]+)");
  private static final Dimension PHONE = new Dimension(390, 844), DESKTOP = new Dimension(1280, 900);

  private static Browser chromium;
  private static WebDriver browser;

  @Autowired FilingService filingService;
  @Autowired FilingRepository filings;
  private CaptchaTestHook captcha;

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
  void phoneSizedWindow() {
    captcha = new CaptchaTestHook(jdbc);
    browser.manage().window().setSize(PHONE);
  }

  @Test
  void shouldOpenTheShortLinkWithThePhoneFilledIn() {
    // given a request whose codes were sent
    Person zhang = person("张三");
    submitAndSend(zhang, person("李四"));

    // when the link in the SMS is opened
    browser.get(url("/v/" + linkToken(zhang.phone())));

    // then the page shows both tabs with the phone filled in, and the puzzle is ready
    assertThat(browser.getTitle()).isEqualTo("备案短信核验");
    assertThat(browser.findElement(By.id("check-phone")).getDomProperty("value")).isEqualTo(zhang.phone());
    assertThat(browser.findElement(By.id("tab-resend")).getText()).isEqualTo("短信重发");
    assertThat(browser.findElement(By.id("notice")).isDisplayed()).isFalse();
    puzzleReady("check");
    // and the page's Content-Security-Policy lets its own stylesheet apply (its script drew the puzzle above)
    assertThat(browser.findElement(By.id("check-submit")).getCssValue("background-color")).isEqualTo("rgba(11, 78, 162, 1)");
    screenshot("01-short-link-phone");
    browser.manage().window().setSize(DESKTOP);
    screenshot("01-short-link-desktop");
  }

  @Test
  void shouldOpenTheEmptyPageWithANoteForADeadLink() {
    // when a link that belongs to no pending verification is opened
    browser.get(url("/v/not-a-token-of-anyone"));

    // then the page opens without a phone and says why
    assertThat(browser.findElement(By.id("check-phone")).getDomProperty("value")).isEmpty();
    assertThat(browser.findElement(By.id("notice")).getText()).contains("该短信链接已失效");
    screenshot("02-dead-link");
  }

  @Test
  void shouldVerifyPartiallyThenCompletely() {
    // given a request with two verifiers
    Person zhang = person("张三"), ouyang = person("欧阳娜娜");
    String filingId = submitAndSend(zhang, ouyang);

    // when the first verifies from the SMS link, solving the puzzle by dragging the slider
    browser.get(url("/v/" + linkToken(zhang.phone())));
    fillCheck(null, latestCode(zhang.phone()), last6(zhang));
    solvePuzzle("check");
    String partial = submit("check");

    // then the other one is still awaited
    assertThat(partial).isEqualTo("张*的短信核验完成。请等待其他待核验人进行短信核验。");
    screenshot("03-verified-partial");

    // when the second verifies on the plain page, on a desktop
    browser.manage().window().setSize(DESKTOP);
    browser.get(url("/verify"));
    fillCheck(ouyang.phone(), latestCode(ouyang.phone()), last6(ouyang));
    solvePuzzle("check");
    String complete = submit("check");

    // then the request is complete and goes to review
    assertThat(complete).isEqualTo("欧**娜的短信核验完成。您的请求已完成全部核验,该请求将提交管局审核。");
    screenshot("04-verified-complete");
    runJobs(filingId);
    assertThat(filings.get(filingId).status()).isEqualTo(FilingStatus.UNDER_REVIEW);
  }

  @Test
  void shouldShowTheRemainingAttemptsAfterAWrongIdSuffix() {
    // given
    Person wang = person("王五");
    submitAndSend(wang, person("赵六"));
    browser.get(url("/v/" + linkToken(wang.phone())));

    // when the right code comes with a wrong ID suffix
    fillCheck(null, latestCode(wang.phone()), wrongSuffix(last6(wang)));
    solvePuzzle("check");
    String answer = submit("check");

    // then the person is told, with the failures left before the request is returned
    assertThat(answer).startsWith("王*的短信核验失败,请输入正确的信息。").contains("您还可以再输错4次");
    assertThat(resultCode("check")).isEqualTo("WRONG_INFO");
    screenshot("05-wrong-id-suffix");
  }

  @Test
  void shouldResendAndRefuseTheNextSmsOverTheHourlyLimit() {
    // given a verifier whose first code was sent (this context allows 2 SMS per phone per hour)
    Person sun = person("孙七");
    String filingId = submitAndSend(sun, person("周八"));
    String firstCode = latestCode(sun.phone());
    browser.get(url("/v/" + linkToken(sun.phone())));
    browser.findElement(By.id("tab-resend")).click();

    // when a resend is asked for
    type(By.id("resend-id"), last6(sun));
    solvePuzzle("resend");
    String resent = submit("resend");

    // then a new code is on its way
    assertThat(resent).isEqualTo("尊敬的ICP用户:您的短信验证码已重发成功,请查看手机并尽快完成短信核验。");
    screenshot("06-resent");
    runJobs(filingId);
    assertThat(latestCode(sun.phone())).isNotEqualTo(firstCode);

    // when another resend is asked for within the hour
    solvePuzzle("resend");
    String refused = submit("resend");

    // then it is refused with the wait, and nothing is counted (the manual resends stay at one)
    assertThat(resultCode("resend")).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(refused).contains("短信发送过于频繁").contains("秒后重试");
    screenshot("07-sms-limit-reached");
    assertThat(jdbc.queryForObject("SELECT manual_resends FROM verifier WHERE filing_id = ? AND phone_hash = ?",
        Integer.class, filingId, hashes.phone(sun.phone()))).isEqualTo(1);
  }

  @Test
  void shouldSolveThePuzzleAndVerifyWithTheKeyboardAlone() {
    // given a verifier's short link opened on a desktop, and nothing but the keyboard
    Person qian = person("钱九");
    String filingId = submitAndSend(qian, person("孙十"));
    browser.manage().window().setSize(DESKTOP);
    browser.get(url("/v/" + linkToken(qian.phone())));
    WebElement root = puzzleReady("check");

    // when the fields are filled and reached with Tab
    WebElement tab = browser.findElement(By.id("tab-check"));
    tab.sendKeys(Keys.TAB);
    assertThat(focused().getDomAttribute("id")).isEqualTo("check-code");
    focused().sendKeys(latestCode(qian.phone()) + Keys.TAB + Keys.TAB);
    assertThat(focused().getDomAttribute("id")).isEqualTo("check-id");
    focused().sendKeys(last6(qian) + Keys.TAB + Keys.TAB);
    assertThat(focused().getDomAttribute("class")).isEqualTo("captcha-handle");
    screenshot("08-keyboard-slider-focused");

    // and the slider is moved with PageUp and the arrow keys to the gap, and confirmed with Enter
    double fraction = captcha.expectedFraction(root.getDomAttribute("data-puzzle-id"));
    long stageWidth = (Long) ((JavascriptExecutor) browser).executeScript(
        "return arguments[0].querySelector('.captcha-stage').clientWidth;", root);
    long target = Math.round(fraction * stageWidth), large = Math.round(0.1 * stageWidth);
    StringBuilder keys = new StringBuilder();
    long at = 0;
    while (at + large <= target) {
      keys.append(Keys.PAGE_UP);
      at += large;
    }
    long small = Math.round(0.01 * stageWidth);
    while (Math.abs(target - at) > small / 2 && at < target) {
      keys.append(Keys.ARROW_RIGHT);
      at += small;
    }
    WebElement handle = focused();
    handle.sendKeys(keys);
    // the piece moves in small steps, and says where it is to a screen reader
    new WebDriverWait(browser, Browser.PATIENCE).until(d -> handle.getDomAttribute("aria-valuetext")
        .startsWith("拼图块已右移"));
    handle.sendKeys(Keys.ENTER);
    new WebDriverWait(browser, Browser.PATIENCE).until(ExpectedConditions.attributeContains(root, "class", "solved"));
    assertThat(root.findElement(By.cssSelector(".captcha-status")).getText()).contains("拼图验证通过");

    // then Tab reaches the submit button, Enter submits, and the answer is announced in the live region
    focused().sendKeys(Keys.TAB);
    assertThat(focused().getDomAttribute("id")).isEqualTo("check-submit");
    focused().sendKeys(Keys.ENTER);
    WebElement result = browser.findElement(By.id("check-result"));
    new WebDriverWait(browser, Browser.PATIENCE).until(d -> !result.getText().isBlank());
    assertThat(result.getText()).isEqualTo("钱*的短信核验完成。请等待其他待核验人进行短信核验。");
    assertThat(result.getDomAttribute("role")).isEqualTo("status");
    assertThat(result.getDomAttribute("aria-live")).isEqualTo("polite");
    screenshot("09-keyboard-verified");
    runJobs(filingId);
  }

  @Test
  void shouldNameTheWrongFieldAndPassTheWcagRulesOnAPhoneAndADesktop() {
    for (Dimension size : List.of(PHONE, DESKTOP)) {
      // given the plain page
      browser.manage().window().setSize(size);
      browser.get(url("/verify"));
      puzzleReady("check");

      // then it passes axe-core's WCAG 2.0/2.1 A and AA rules
      assertNoWcagViolations("empty page " + size);

      // when a malformed phone is sent (answered before the captcha is looked at)
      type(By.id("check-phone"), "12345");
      type(By.id("check-code"), "123456");
      type(By.id("check-id"), "12345X");
      solvePuzzle("check");
      submit("check");

      // then the field is marked, its error is tied to it, it has the focus, and the page still passes
      WebElement phone = browser.findElement(By.id("check-phone"));
      assertThat(phone.getDomAttribute("aria-invalid")).isEqualTo("true");
      assertThat(phone.getDomAttribute("aria-describedby")).contains("check-phone-error");
      assertThat(browser.findElement(By.id("check-phone-error")).getText()).contains("手机号码");
      assertThat(focused().getDomAttribute("id")).isEqualTo("check-phone");
      screenshot(size == PHONE ? "10-field-error-phone" : "10-field-error-desktop");
      assertNoWcagViolations("field error " + size);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private WebElement focused() {
    return browser.switchTo().activeElement();
  }

  private void assertNoWcagViolations(String state) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
    assertThat(results.getViolations()).as(state + ": " + results.getViolations().stream()
        .map(v -> v.getId() + " " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getTarget().toString()).toList())
        .toList()).isEmpty();
  }

  private String submitAndSend(Person entityPrincipal, Person websitePrincipal) {
    String filingId = filingService.submit("demo-provider-a", TestData.newFiling("CN-GS", entityPrincipal,
        websitePrincipal)).filing().id();
    runJobs(filingId);
    return filingId;
  }

  private String linkToken(String phone) {
    Matcher m = LINK.matcher(smsTo(phone).get(0));
    assertThat(m.find()).as("a short link in the SMS").isTrue();
    return m.group(1);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private void fillCheck(String phone, String code, String idLast6) {
    if (phone != null) {
      type(By.id("check-phone"), phone);
    }
    type(By.id("check-code"), code);
    type(By.id("check-id"), idLast6);
  }

  private void type(By field, String text) {
    WebElement input = browser.findElement(field);
    input.clear();
    input.sendKeys(text);
  }

  private WebElement puzzleReady(String form) {
    WebElement root = browser.findElement(By.cssSelector("[data-captcha='" + form + "']"));
    new WebDriverWait(browser, Browser.PATIENCE).until(d -> root.getDomAttribute("data-puzzle-id") != null
        && (Boolean) ((JavascriptExecutor) d).executeScript(
            "var i = arguments[0].querySelector('.captcha-bg'); return i.complete && i.naturalWidth > 0;", root));
    return root;
  }

  /** drags the slider like a hand: small uneven steps with a little vertical wobble, to the expected offset */
  private void solvePuzzle(String form) {
    WebElement root = puzzleReady(form);
    double fraction = captcha.expectedFraction(root.getDomAttribute("data-puzzle-id"));
    long stageWidth = (Long) ((JavascriptExecutor) browser).executeScript(
        "return arguments[0].querySelector('.captcha-stage').clientWidth;", root);
    int target = (int) Math.round(fraction * stageWidth);
    WebElement handle = root.findElement(By.cssSelector(".captcha-handle"));
    Actions drag = new Actions(browser).clickAndHold(handle);
    int steps = 24, x = 0;
    for (int i = 1; i <= steps; i++) {
      int next = (int) Math.round(target * (1 - Math.pow(1 - (double) i / steps, 2)));
      drag.moveByOffset(next - x, i % 2 == 0 ? 1 : -1).pause(Duration.ofMillis(15));
      x = next;
    }
    drag.pause(Duration.ofMillis(60)).release().perform();
    try {
      new WebDriverWait(browser, Browser.PATIENCE).until(ExpectedConditions.attributeContains(root, "class", "solved"));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("puzzle not solved: target " + target + " of " + stageWidth + ", piece at "
          + root.findElement(By.cssSelector(".captcha-piece")).getCssValue("left") + ", status: "
          + root.findElement(By.cssSelector(".captcha-status")).getText(), e);
    }
  }

  /** submits the form and waits for the server's answer; returns the text shown */
  private String submit(String form) {
    WebElement result = browser.findElement(By.id(form + "-result"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].hidden = true; arguments[0].textContent = '';", result);
    browser.findElement(By.id(form + "-submit")).click();
    new WebDriverWait(browser, Browser.PATIENCE).until(d -> result.isDisplayed() && !result.getText().isBlank());
    return result.getText();
  }

  private String resultCode(String form) {
    return browser.findElement(By.id(form + "-result")).getDomAttribute("data-result");
  }

  private static String wrongSuffix(String last6) {
    return last6.startsWith("0") ? "1" + last6.substring(1) : "0" + last6.substring(1);
  }

  private void screenshot(String name) {
    chromium.screenshot(name);
  }

}
