package io.tidings.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx as a child process, in front of test nodes, running the shipped
 * {@code backend/deploy/nginx/tidings.conf} with only its machine-specific lines replaced (see
 * {@link #testConfig}): every directive that shapes proxying is the operator's. It runs entirely
 * in {@code target/nginx/run-*} (pid, logs, temp files, a self-signed certificate), on free
 * loopback ports. Every process a test starts, it stops: {@link #close()}.
 */
public final class NginxProcess implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/sbin/nginx");
  /** Relative to {@code backend/}, where Maven runs the tests. */
  public static final Path SHIPPED_CONFIG = Path.of("deploy", "nginx", "tidings.conf");

  private static final Path RUNS = Path.of("target", "nginx");
  private static final String OPTIONS = "(\\s[^;]*)?;"; // whatever follows a directive's first argument

  private final Process process;
  private final Path dir;
  private final int httpPort;
  private final int httpsPort;

  private NginxProcess(Process process, Path dir, int httpPort, int httpsPort) {
    this.process = process;
    this.dir = dir;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
  }

  /** Starts nginx in front of nodes on these loopback HTTP ports; returns once it accepts connections. */
  public static NginxProcess start(List<Integer> nodePorts) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("no nginx at " + BINARY + ": install Debian's package 'nginx' "
        + "(apt-get install nginx, or run scripts/ensure-nginx.sh as root)");
    }
    int[][] free = NodeProcess.freePorts(1);
    try {
      Files.createDirectories(RUNS);
      Path dir = Files.createTempDirectory(RUNS, "run-").toAbsolutePath();
      writeSelfSignedCertificate(dir);
      Path conf = dir.resolve("nginx.conf");
      Files.writeString(conf, testConfig(Files.readString(SHIPPED_CONFIG), dir, free[0][0], free[0][1], nodePorts));
      Process process = new ProcessBuilder(BINARY.toString(), "-p", dir + "/", "-c", conf.toString(),
        "-e", dir.resolve("error.log").toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
      NginxProcess nginx = new NginxProcess(process, dir, free[0][0], free[0][1]);
      nginx.awaitListening(Duration.ofSeconds(10));
      return nginx;
    } catch (IOException e) {
      throw new IllegalStateException("could not start nginx", e);
    }
  }

  /**
   * The shipped configuration with these lines replaced, and nothing else: {@code user} (dropped:
   * as root, workers would switch to www-data), {@code worker_processes} (1), {@code pid},
   * {@code error_log}, {@code access_log} and the {@code *_temp_path} lines (into {@code dir}), the
   * upstream's {@code server 127.0.0.1:PORT ...;} lines (one per node, with the shipped
   * parameters), {@code listen 80} and {@code listen 443} (free loopback ports, with the shipped
   * parameters) and the two {@code ssl_certificate} lines (a self-signed certificate in
   * {@code dir}). Each of them must be found as many times as the shipped file has it today, so a
   * change there fails here with a message instead of testing something else.
   */
  public static String testConfig(String shipped, Path dir, int httpPort, int httpsPort, List<Integer> nodePorts) {
    List<Rule> rules = List.of(
      new Rule("user ...;", "user\\s+\\S+" + OPTIONS, 1, (m, i) -> List.of()),
      new Rule("worker_processes ...;", "worker_processes\\s+\\S+;", 1, (m, i) -> List.of("worker_processes 1;")),
      new Rule("pid ...;", "pid\\s+\\S+;", 1, (m, i) -> List.of("pid " + dir.resolve("nginx.pid") + ";")),
      new Rule("error_log ...;", "error_log\\s+\\S+" + OPTIONS, 1,
        (m, i) -> List.of("error_log " + dir.resolve("error.log") + rest(m) + ";")),
      new Rule("access_log ...;", "access_log\\s+\\S+" + OPTIONS, 1,
        (m, i) -> List.of("access_log " + dir.resolve("access.log") + rest(m) + ";")),
      new Rule("*_temp_path ...;", "(\\w+_temp_path)\\s+\\S+;", 5,
        (m, i) -> List.of(m.group(1) + " " + dir.resolve(m.group(1).replace("_path", "")) + ";")),
      // the first upstream server line becomes one per node; the others go
      new Rule("server 127.0.0.1:PORT ...;", "server\\s+127\\.0\\.0\\.1:\\d+" + OPTIONS, -1,
        (m, i) -> i > 0 ? List.of() : nodePorts.stream().map(p -> "server 127.0.0.1:" + p + rest(m) + ";").toList()),
      new Rule("listen 80;", "listen\\s+80" + OPTIONS, 1, (m, i) -> List.of("listen 127.0.0.1:" + httpPort + rest(m) + ";")),
      new Rule("listen 443 ...;", "listen\\s+443" + OPTIONS, 1,
        (m, i) -> List.of("listen 127.0.0.1:" + httpsPort + rest(m) + ";")),
      new Rule("ssl_certificate ...;", "ssl_certificate\\s+\\S+;", 1,
        (m, i) -> List.of("ssl_certificate " + dir.resolve("tidings.crt") + ";")),
      new Rule("ssl_certificate_key ...;", "ssl_certificate_key\\s+\\S+;", 1,
        (m, i) -> List.of("ssl_certificate_key " + dir.resolve("tidings.key") + ";")));
    int[] found = new int[rules.size()];
    StringBuilder out = new StringBuilder();
    for (String line : shipped.split("\n", -1)) {
      String directive = line.strip();
      String indent = line.substring(0, line.length() - line.stripLeading().length());
      List<String> replaced = null;
      for (int r = 0; r < rules.size() && replaced == null; r++) {
        Matcher m = rules.get(r).pattern.matcher(directive);
        if (m.matches()) {
          replaced = rules.get(r).replacement.apply(m, found[r]++);
        }
      }
      for (String l : replaced == null ? List.of(line) : replaced) {
        out.append(replaced == null ? "" : indent).append(l).append('\n');
      }
    }
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      if (rule.expected < 0 ? found[r] == 0 : found[r] != rule.expected) {
        throw new IllegalStateException(SHIPPED_CONFIG + " has " + found[r] + " lines like '" + rule.what + "', expected "
          + (rule.expected < 0 ? "at least 1" : rule.expected) + ": the nginx test replaces exactly those (NginxProcess.testConfig)");
      }
    }
    return out.toString();
  }

  private record Rule(String what, Pattern pattern, int expected, BiFunction<Matcher, Integer, List<String>> replacement) {
    Rule(String what, String regex, int expected, BiFunction<Matcher, Integer, List<String>> replacement) {
      this(what, Pattern.compile(regex), expected, replacement);
    }
  }

  /** The directive's parameters after its first argument, as shipped ("" when none). */
  private static String rest(Matcher m) {
    String rest = m.group(m.groupCount());
    return rest == null ? "" : rest;
  }

  /** A throw-away key and certificate for 127.0.0.1, made with the JDK's keytool and written as PEM for nginx. */
  private static void writeSelfSignedCertificate(Path dir) throws IOException {
    Path store = dir.resolve("tls.p12");
    char[] password = "changeit".toCharArray();
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(List.of(keytool, "-genkeypair", "-alias", "tidings", "-keyalg", "EC", "-groupname", "secp256r1",
      "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
      "-keystore", store.toString(), "-storepass", new String(password)), dir.resolve("keytool.out"));
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, password);
      Certificate certificate = keys.getCertificate("tidings");
      Files.writeString(dir.resolve("tidings.crt"), pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(dir.resolve("tidings.key"), pem("PRIVATE KEY", keys.getKey("tidings", password).getEncoded()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("could not read the test certificate", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
      + "\n-----END " + type + "-----\n";
  }

  private static void run(List<String> command, Path output) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish within 30 s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + Files.readString(output));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  private void awaitListening(Duration timeout) {
    try {
      Await.until("nginx accepts connections on :" + httpPort, () -> accepts(httpPort) || !process.isAlive(), timeout);
    } catch (AssertionError e) {
      close();
      throw new AssertionError(e.getMessage() + "\n" + logs(), e);
    }
    if (!process.isAlive()) {
      throw new AssertionError("nginx exited with " + process.exitValue() + "\n" + logs());
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** What nginx said, for failure messages. */
  public String logs() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("nginx.out", "error.log")) {
      try {
        text.append("--- ").append(dir.resolve(name)).append(":\n").append(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.append("--- no ").append(dir.resolve(name)).append('\n');
      }
    }
    return text.toString();
  }

  /** nginx's plain-HTTP port (the shipped {@code listen 80}). */
  public int httpPort() {
    return httpPort;
  }

  /** nginx's HTTPS and HTTP/2 port (the shipped {@code listen 443 ssl http2}). */
  public int httpsPort() {
    return httpsPort;
  }

  /**
   * SIGTERM to the master, which stops its workers and exits; SIGKILL to what is left after 10 s.
   * Killing the master alone first would leave its workers running, so they are known beforehand.
   */
  @Override
  public void close() {
    List<ProcessHandle> workers = new ArrayList<>(process.descendants().toList());
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle worker : workers) {
        try {
          worker.onExit().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
          worker.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      workers.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
