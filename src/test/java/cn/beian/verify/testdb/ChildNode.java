package cn.beian.verify.testdb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The whole application in a JVM of its own (a child process on the test classpath), on a database the test chooses:
 * the node a test can really kill. {@link #kill()} is {@code kill -9} ({@link Process#destroyForcibly()}): no
 * shutdown hook, no finally block, no connection closed by the node; the jobs it locked and the outbox rows it leased
 * stay in the database exactly as a node that dies leaves them.
 *
 * <p>Same defaults as {@link ApplicationNode} (profiles {@code demo,test}, a random port on 127.0.0.1, no Camunda
 * webapps), every property can be overridden. What the node logs is in {@code target/child-nodes/<name>.log}. A
 * child node never outlives the test JVM ({@link ChildNodeMain}).
 */
public final class ChildNode implements AutoCloseable {
  private static final AtomicInteger NODES = new AtomicInteger();
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;

  private ChildNode(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  public static Builder on(TestDatabase database) {
    return new Builder(database);
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** SIGKILL, then waits until the process is gone (its file locks and sockets released by the kernel) */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("child node " + name + " (pid " + process.pid() + ") survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** a test that is done with the node (or failed) kills it: nothing of it may outlive the test */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  @Override
  public String toString() {
    return "child node " + name + " (pid " + process.pid() + ", port " + port + ", log " + log + ")";
  }

  public static final class Builder {
    private final TestDatabase database;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Duration clockOffset = Duration.ZERO;
    private String name;

    private Builder(TestDatabase database) {
      this.database = database;
    }

    /** overrides anything application*.yaml says (passed as a command-line argument) */
    public Builder property(String name, String value) {
      properties.put(name, value);
      return this;
    }

    public Builder properties(Map<String, String> values) {
      properties.putAll(values);
      return this;
    }

    /** the node's engine clock runs this far ahead of the machine's ({@link ChildNodeMain}) */
    public Builder clockOffset(Duration offset) {
      this.clockOffset = offset;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** starts the JVM and waits until the application is ready; a node that fails to start fails with its log */
    public ChildNode start() {
      String nodeName = (name != null ? name : "child") + "-" + NODES.incrementAndGet();
      Map<String, String> all = new LinkedHashMap<>(ApplicationNode.localDefaults());
      all.put("spring.profiles.active", "demo,test");
      all.putAll(database.properties());
      all.putAll(properties);
      try {
        Path dir = Path.of("target", "child-nodes").toAbsolutePath();
        Files.createDirectories(dir);
        Path ready = dir.resolve(nodeName + ".port");
        Path log = dir.resolve(nodeName + ".log");
        Files.deleteIfExists(ready);
        // a java argument file: the classpath is longer than one command-line argument may be
        List<String> arguments = new ArrayList<>(List.of("-cp", classpath(), "-Duser.timezone=UTC",
            "-Dfile.encoding=UTF-8", "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-D" + ChildNodeMain.READY_FILE + "=" + ready,
            "-D" + ChildNodeMain.CLOCK_OFFSET + "=" + clockOffset, ChildNodeMain.class.getName()));
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        Path argFile = dir.resolve(nodeName + ".args");
        Files.write(argFile, arguments.stream().map(Builder::quoted).toList(), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + argFile)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
        return new ChildNode(nodeName, process, log, awaitReady(nodeName, process, ready, log));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static int awaitReady(String name, Process process, Path ready, Path log) throws IOException {
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (!Files.exists(ready)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("child node " + name + " ended at start-up (exit " + process.exitValue()
              + "):\n" + TestPostgres.tail(log));
        }
        if (Instant.now().isAfter(deadline)) {
          process.destroyForcibly();
          throw new IllegalStateException("child node " + name + " not ready within " + START_TIMEOUT + ":\n"
              + TestPostgres.tail(log));
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
          throw new IllegalStateException(e);
        }
      }
      return Integer.parseInt(Files.readString(ready).trim());
    }

    /**
     * the test classpath: surefire passes it as a property (its own JVM's classpath is a manifest-only jar). Without
     * empty entries: one would put the working directory on the classpath, and with it the project's processes/.
     */
    private static String classpath() {
      String surefire = System.getProperty("surefire.test.class.path");
      String classpath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
      return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
          .collect(Collectors.joining(File.pathSeparator));
    }

    /** an argument-file line: quoted, with the backslashes and quotes inside escaped */
    private static String quoted(String argument) {
      return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }
}
