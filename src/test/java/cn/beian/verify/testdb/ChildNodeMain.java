package cn.beian.verify.testdb;

import cn.beian.verify.BeianVerifyApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * The entry point of a {@link ChildNode}: the application itself, in a JVM of its own, with what only a test needs
 * around it.
 *
 * <ul>
 *   <li>{@code -Dbeian.test.clock-offset=PT25H}: the engine's clock (and so the product's) runs that far ahead of the
 *       machine's, as a node whose clock is ahead would; a test uses it to let one node see timers come due first.</li>
 *   <li>{@code -Dbeian.test.ready-file=…}: once the application is ready, its HTTP port is written there.</li>
 *   <li>The node ends when its standard input closes: the test JVM that started it holds the other end, so a node is
 *       never left running after its test JVM is gone, however that ended.</li>
 * </ul>
 */
public final class ChildNodeMain {
  static final String CLOCK_OFFSET = "beian.test.clock-offset", READY_FILE = "beian.test.ready-file";

  private ChildNodeMain() {
  }

  public static void main(String[] args) {
    String offset = System.getProperty(CLOCK_OFFSET);
    if (offset != null && !offset.isBlank()) {
      ClockUtil.offset(Duration.parse(offset).toMillis());
    }
    Thread orphanGuard = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // nothing is ever sent; end of input means the test JVM is gone
        }
      } catch (IOException ignored) {
        // the same
      }
      Runtime.getRuntime().halt(3);
    }, "parent-watch");
    orphanGuard.setDaemon(true);
    orphanGuard.start();

    Path ready = Path.of(System.getProperty(READY_FILE));
    SpringApplication application = new SpringApplication(BeianVerifyApplication.class);
    application.addListeners((ApplicationListener<ApplicationReadyEvent>) event -> {
      int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
      try {
        Path written = Files.writeString(ready.resolveSibling(ready.getFileName() + ".tmp"), Integer.toString(port));
        Files.move(written, ready, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    application.run(args);
  }
}
