package cn.beian.verify.testdb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests of this JVM, started on first use: {@code initdb} under
 * {@code target/postgresql/run-<pid>}, the server on a free port on 127.0.0.1 only (no Unix socket), run as the
 * {@code postgres} user when the JVM runs as root (PostgreSQL refuses to run as root; CI runs as root).
 *
 * <p>The server lives exactly as long as this JVM without any shutdown hook: it is started by a small shell that
 * waits for its standard input to close, then stops the server (fast shutdown) and deletes the cluster. The JVM
 * holds the other end of that pipe, so the server goes away when the JVM exits for whatever reason, a {@code kill -9}
 * included, and only after every Spring context has closed its connections. A cluster left behind by a shell that
 * was itself killed is stopped and deleted by the next run.
 *
 * <p>Binaries: {@code -Dbeian.test.postgresql.bin}, else the newest {@code /usr/lib/postgresql/<n>/bin} (Debian's
 * {@code postgresql} package, which {@code ./mvnw verify} installs when it is missing).
 */
final class TestPostgres {
  private static final String SUPERUSER = "beian_test";
  /** the role the applications under test connect as: owner of its databases, not a superuser (as in production) */
  static final String APP_ROLE = "beian_app";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static TestPostgres server;

  private final Path runDir;
  private final int port;
  private final String superPassword;
  private final String appPassword;
  // held for the life of the JVM: its standard input is the pipe whose end stops the server
  private final Process guard;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(Path runDir, int port, String superPassword, String appPassword, Process guard) {
    this.runDir = runDir;
    this.port = port;
    this.superPassword = superPassword;
    this.appPassword = appPassword;
    this.guard = guard;
  }

  static synchronized TestPostgres server() {
    if (server == null) {
      try {
        server = start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the test PostgreSQL", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return server;
  }

  /** a new empty database owned by the application role */
  TestDatabase createDatabase(String purpose) {
    String name = "beian_" + purpose.replaceAll("[^a-z0-9]", "_") + "_" + databases.incrementAndGet();
    try (Connection c = connect("postgres", SUPERUSER, superPassword); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER " + APP_ROLE);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the test database " + name + ": " + e.getMessage(), e);
    }
    return new TestDatabase(jdbcUrl(name), APP_ROLE, appPassword);
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** with timeouts: whatever else answers on a port taken under our feet must not hang the tests */
  private Connection connect(String database, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "10");
    properties.setProperty("socketTimeout", "60");
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  private static TestPostgres start() throws IOException, InterruptedException {
    Path bin = binaries();
    Path base = Path.of(System.getProperty("beian.test.postgresql.dir", "target/postgresql")).toAbsolutePath();
    Files.createDirectories(base);
    removeLeftovers(base);
    Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();

    Path runDir = base.resolve("run-" + ProcessHandle.current().pid());
    String superPassword = randomPassword(), appPassword = randomPassword();
    IOException lastFailure = null;
    for (int attempt = 1; attempt <= 5; attempt++) {
      // a new cluster for each try: a server that fails to start takes its cluster with it (see startGuarded)
      Path data = initCluster(bin, base, runDir, runAs, superPassword);
      int port = freePort();
      Process guard = startGuarded(runAs, bin, runDir, data, port);
      try {
        TestPostgres started = new TestPostgres(runDir, port, superPassword, appPassword, guard);
        started.awaitReady();
        started.createAppRole();
        return started;
      } catch (IOException e) {
        // most likely the port was taken between choosing and binding it: stop this try, take another port
        lastFailure = e;
        guard.getOutputStream().close();
        guard.waitFor(30, TimeUnit.SECONDS);
      }
    }
    throw lastFailure;
  }

  /** initdb into {@code runDir/data}, owned by the user the server runs as; the superuser's password from a file */
  private static Path initCluster(Path bin, Path base, Path runDir, Optional<String> runAs, String superPassword)
      throws IOException, InterruptedException {
    deleteTree(runDir);
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
    Path pwfile = runDir.resolve("pwfile");
    Files.writeString(pwfile, superPassword + "\n");
    if (runAs.isPresent()) {
      makeTraversable(base, runAs.get());
      chown(runDir, runAs.get());
      chown(pwfile, runAs.get());
    }
    Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
    Path data = runDir.resolve("data");
    List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(),
        "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
        "-E", "UTF8", "--locale=C", "--no-sync"));
    run(asUser(runAs, initdb), runDir, log(runDir));
    Files.delete(pwfile);
    return data;
  }

  /**
   * {@code sh -c}: the server in the background, and beside it a wait for standard input to close (the JVM closed
   * it or is gone) that stops the server with a fast shutdown; once the server is gone, for that or any other
   * reason, the cluster is deleted and the shell ends. The log stays beside the cluster until the next run.
   */
  private static Process startGuarded(Optional<String> runAs, Path bin, Path runDir, Path data, int port)
      throws IOException {
    List<String> postgres = asUser(runAs, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
        "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        // a throwaway cluster: nothing has to survive a crash of the machine, everything should be quick
        "-c", "fsync=off",
        "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off",
        // every cached Spring context keeps a connection pool, and cluster tests start several nodes
        "-c", "max_connections=500",
        "-c", "max_parallel_workers_per_gather=0",
        "-c", "log_min_messages=warning",
        "-c", "log_min_error_statement=panic",
        "-c", "log_timezone=UTC"));
    // fd 3: an asynchronous command's standard input would otherwise be /dev/null
    String script = """
        exec 3<&0
        "$@" &
        pg=$!
        { cat <&3 > /dev/null; kill -INT "$pg" 2> /dev/null; } &
        wait "$pg"
        rm -rf "$RUN_DIR"
        """;
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
    command.addAll(postgres);
    ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(runDir).toFile()));
    builder.environment().put("RUN_DIR", runDir.toString());
    return builder.start();
  }

  private void awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    SQLException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!guard.isAlive()) {
        throw new IOException("the test PostgreSQL stopped at start-up:\n" + tail(log(runDir)));
      }
      try (Connection ignored = connect("postgres", SUPERUSER, superPassword)) {
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new IOException("the test PostgreSQL did not accept connections within " + START_TIMEOUT + " ("
        + (last == null ? "" : last.getMessage()) + "):\n" + tail(log(runDir)));
  }

  private void createAppRole() throws IOException {
    try (Connection c = connect("postgres", SUPERUSER, superPassword); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + appPassword + "'");
    } catch (SQLException e) {
      throw new IOException("could not create the role " + APP_ROLE + ": " + e.getMessage(), e);
    }
  }

  /** the newest installed server, or the one named by -Dbeian.test.postgresql.bin */
  private static Path binaries() {
    String configured = System.getProperty("beian.test.postgresql.bin");
    if (configured != null && !configured.isBlank()) {
      return requireServer(Path.of(configured));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.isDirectory(debian) ? Files.list(debian) : Stream.empty()) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparingInt(TestPostgres::majorVersion))
          .orElseThrow(() -> new IllegalStateException("No PostgreSQL server under /usr/lib/postgresql/<version>/bin "
              + "(initdb, postgres). ./mvnw verify installs Debian's package 'postgresql' when /usr/bin/pg_ctlcluster "
              + "is missing; install it (apt-get install postgresql) or point -Dbeian.test.postgresql.bin at a bin "
              + "directory."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path requireServer(Path bin) {
    if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("postgres"))) {
      throw new IllegalStateException("-Dbeian.test.postgresql.bin=" + bin + " has no initdb and postgres");
    }
    return bin;
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isRoot() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }

  /** PostgreSQL refuses to run as root: the user Debian's package creates */
  private static String unprivilegedUser() throws IOException, InterruptedException {
    String user = System.getProperty("beian.test.postgresql.user", "postgres");
    Process id = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
    if (id.waitFor() != 0) {
      throw new IllegalStateException("This JVM runs as root and PostgreSQL refuses to run as root, but there is no "
          + "user '" + user + "' to run it as. Debian's package 'postgresql' creates it (./mvnw verify installs the "
          + "package when /usr/bin/pg_ctlcluster is missing), or name another with -Dbeian.test.postgresql.user.");
    }
    return user;
  }

  private static List<String> asUser(Optional<String> user, List<String> command) {
    if (user.isEmpty()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + user.get(), "--regid=" + user.get(),
        "--init-groups", "--reset-env", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** the server's user must reach the cluster directory: o+x on target/ and below (never above it) */
  private static void makeTraversable(Path base, String user) throws IOException {
    Path target = base.getParent();
    for (Path dir : List.of(target, base)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
      if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
        Files.setPosixFilePermissions(dir, permissions);
      }
    }
    for (Path dir = target.getParent(); dir != null; dir = dir.getParent()) {
      if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IllegalStateException("The test PostgreSQL runs as '" + user + "', who cannot reach " + base
            + ": " + dir + " is not searchable by others (chmod o+x " + dir + ")");
      }
    }
  }

  private static void chown(Path path, String user) throws IOException {
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(path, users.lookupPrincipalByName(user));
    Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
        .setGroup(users.lookupPrincipalByGroupName(user));
  }

  /**
   * clusters of earlier runs whose JVM is gone: a server still running there (its guard shell was killed too) is
   * stopped, then the directory is deleted. A cluster whose JVM still runs (another build) is left alone.
   */
  private static void removeLeftovers(Path base) throws IOException, InterruptedException {
    try (Stream<Path> runs = Files.list(base)) {
      for (Path run : runs.filter(p -> p.getFileName().toString().startsWith("run-") && Files.isDirectory(p)).toList()) {
        Optional<ProcessHandle> owner = readPid(run.resolve("owner.pid")).flatMap(ProcessHandle::of);
        if (owner.isPresent() && owner.get().isAlive()) {
          continue;
        }
        Optional<ProcessHandle> postmaster = readPid(run.resolve("data").resolve("postmaster.pid"))
            .flatMap(ProcessHandle::of).filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isPresent()) {
          new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster.get().pid())).start().waitFor();
          try {
            postmaster.get().onExit().get(30, TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("a PostgreSQL left behind by an earlier run in " + run + " did not stop", e);
          }
        }
        deleteTree(run);
      }
    }
    try (Stream<Path> logs = Files.list(base)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        String run = log.getFileName().toString().replaceFirst("\\.log$", "");
        if (!Files.exists(base.resolve(run))) {
          Files.delete(log);
        }
      }
    }
  }

  /** beside the cluster, so that it outlives it: what the server said is there to read after a failed run */
  private static Path log(Path runDir) {
    return runDir.resolveSibling(runDir.getFileName() + ".log");
  }

  private static Optional<Long> readPid(Path file) {
    try {
      String first = Files.readAllLines(file, StandardCharsets.US_ASCII).get(0).trim();
      return Optional.of(Long.parseLong(first));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void run(List<String> command, Path dir, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed:\n" + tail(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** the end of a log, for a failure message */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  @Override
  public String toString() {
    return "test PostgreSQL on 127.0.0.1:" + port + " in " + runDir + File.separator + "data";
  }
}
