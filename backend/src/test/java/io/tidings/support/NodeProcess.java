package io.tidings.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Tidings node as its own JVM process, started from the packaged jar ({@code java -jar}), as an
 * operator runs it. Its output goes to {@code target/node-logs/NAME.log}. Every process a test
 * starts, it stops: {@link #close()} kills what is still running.
 */
public final class NodeProcess implements AutoCloseable {

  private static final Path LOGS = Path.of("target", "node-logs");

  private final String name;
  private final Process process;
  private final int httpPort;
  private final int clusterPort;
  private volatile boolean listening;

  private NodeProcess(String name, Process process, int httpPort, int clusterPort) {
    this.name = name;
    this.process = process;
    this.httpPort = httpPort;
    this.clusterPort = clusterPort;
  }

  /** Free loopback ports for a cluster of {@code count} nodes: HTTP and Hazelcast port for each. */
  public static int[][] freePorts(int count) {
    int[][] ports = new int[count][2];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < 2; j++) {
          ServerSocket socket = new ServerSocket(0);
          held.add(socket);
          ports[i][j] = socket.getLocalPort();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      held.forEach(s -> {
        try {
          s.close();
        } catch (IOException ignored) {
          // released anyway
        }
      });
    }
    return ports;
  }

  static final java.util.Map<String, String> OPEN_AND_UNLIMITED = java.util.Map.of(
    "TIDINGS_AUTH", "none",
    "TIDINGS_MAX_MESSAGES_PER_USER", "0",
    "TIDINGS_MAX_MESSAGES_PER_ADDRESS", "0",
    "TIDINGS_MAX_SESSIONS_PER_ADDRESS", "0",
    "TIDINGS_MAX_STREAM_OPENS_PER_ADDRESS", "0");

  /** The options every test cluster node runs with: loopback, one HTTP instance, short presence batching. */
  public static List<String> clusterArgs(int[][] ports, int index, String... extra) {
    List<String> members = new ArrayList<>();
    for (int[] p : ports) {
      members.add("127.0.0.1:" + p[1]);
    }
    List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(ports[index][0]),
      "--instances", "1", "--presence-interval-millis", "200",
      "--cluster", "--cluster-host", "127.0.0.1", "--cluster-port", String.valueOf(ports[index][1]),
      "--cluster-members", String.join(",", members)));
    args.addAll(List.of(extra));
    return args;
  }

  public static NodeProcess start(String name, int httpPort, int clusterPort, List<String> args) {
    return start(name, httpPort, clusterPort, List.of(), args);
  }

  /** Starts a node whose process may hold at most {@code descriptors} open files (util-linux {@code prlimit}). */
  public static NodeProcess startWithDescriptorLimit(String name, int httpPort, int descriptors, List<String> args) {
    return start(name, httpPort, 0, List.of("prlimit", "--nofile=" + descriptors + ":" + descriptors), args);
  }

  private static NodeProcess start(String name, int httpPort, int clusterPort, List<String> prefix, List<String> args) {
    String jar = System.getProperty("tidings.jar", "target/tidings.jar");
    if (!Files.exists(Path.of(jar))) {
      throw new IllegalStateException("no server jar at " + jar + ": build it with mvn -f backend/pom.xml package");
    }
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(javaCommand(), "-Xmx256m", "-jar", jar));
    command.addAll(args);
    try {
      Files.createDirectories(LOGS);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      // open mode without rate limits unless a test's flags say otherwise (a flag wins over its variable):
      // identity and limits have tests of their own, which pass --auth and the limit flags
      builder.environment().putAll(OPEN_AND_UNLIMITED);
      Process process = builder.start();
      NodeProcess node = new NodeProcess(name, process, httpPort, clusterPort);
      node.pumpOutput(LOGS.resolve(name + ".log"));
      return node;
    } catch (IOException e) {
      throw new IllegalStateException("could not start node " + name, e);
    }
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void pumpOutput(Path log) throws IOException {
    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          out.println(line);
          if (line.startsWith("Tidings listening on")) {
            listening = true;
          }
        }
      } catch (IOException ignored) {
        // the process is gone
      } finally {
        out.close();
      }
    }, "output-of-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  /** Waits (bounded) until the node says it listens. */
  /** What the node has printed so far. */
  public String log() {
    try {
      return Files.readString(LOGS.resolve(name + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  public NodeProcess awaitListening(Duration timeout) {
    Await.until(name + " listens (see target/node-logs/" + name + ".log)", () -> listening || !process.isAlive(), timeout);
    if (!listening) {
      throw new AssertionError(name + " exited with " + process.exitValue() + "; see target/node-logs/" + name + ".log");
    }
    return this;
  }

  public String name() {
    return name;
  }

  public int httpPort() {
    return httpPort;
  }

  public int clusterPort() {
    return clusterPort;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** kill -9: no goodbye to the cluster. */
  public void kill() {
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(10));
  }

  /** SIGTERM: the node drains and leaves gracefully. */
  public void terminate() {
    process.destroy();
  }

  /** SIGSTOP: frozen, as in a long GC pause or a hung VM. */
  public void freeze() {
    signal("STOP");
  }

  public void thaw() {
    signal("CONT");
  }

  public boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      thawQuietly();
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(10));
    }
  }

  private void thawQuietly() {
    try {
      signal("CONT"); // a frozen process cannot die until it runs again
    } catch (RuntimeException ignored) {
      // killed below anyway
    }
  }
}
