package cn.beian.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the browser tests: the Debian package, driven through /usr/bin/chromedriver (never a
 * downloaded browser), in Chinese and in Beijing time like the staff's and citizens' browsers. A missing browser
 * fails, it never skips. Screenshots land in target/screenshots/ for people to look at.
 */
public final class Browser implements AutoCloseable {
  /**
   * How long a test waits for a page to show what it expects. Generous on purpose: a wait ends as soon as the page is
   * there, and a loaded 2-core CI machine may take long to render Camunda's webapps; nothing here measures speed.
   */
  public static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String CHROMEDRIVER = System.getProperty("chromedriver.path", "/usr/bin/chromedriver");
  private static final String CHROMIUM = System.getProperty("chromium.path", "/usr/bin/chromium");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriverService service;
  private final WebDriver driver;

  private Browser(ChromeDriverService service, WebDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /**
   * Fills a Camunda webapp's login form (password = user name in the demo) and sends it. The login view may still be
   * re-rendered while keys are typed (seen on a loaded machine: both entries landed in the name field), so the fields
   * are filled until they hold what was typed.
   */
  public static void logIn(WebDriver driver, String user) {
    new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement name = d.findElement(By.cssSelector("input[type=text]"));
      WebElement password = d.findElement(By.cssSelector("input[type=password]"));
      name.clear();
      name.sendKeys(user);
      password.clear();
      password.sendKeys(user);
      return user.equals(name.getDomProperty("value")) && user.equals(password.getDomProperty("value"));
    });
    driver.findElement(By.cssSelector("button[type=submit]")).click();
  }

  public static Browser start() throws IOException {
    assertThat(new File(CHROMEDRIVER).canExecute())
        .as("%s missing: Debian package chromium-driver (./mvnw verify installs it)", CHROMEDRIVER).isTrue();
    assertThat(new File(CHROMIUM).canExecute())
        .as("%s missing: Debian package chromium (./mvnw verify installs it)", CHROMIUM).isTrue();
    Files.createDirectories(SCREENSHOTS);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().withEnvironment(Map.of("TZ", "Asia/Shanghai")).build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--lang=zh-CN", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    return new Browser(service, new ChromeDriver(service, options));
  }

  public WebDriver driver() {
    return driver;
  }

  public void screenshot(String name) {
    try {
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }
}
