package io.tidings.bench;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One Tidings JVM: {@code java -jar tidings.jar --port P --host 127.0.0.1 [extra]}, output appended to the log. */
final class TidingsNode implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;

  private TidingsNode(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the process; {@link #awaitListening} tells when it serves. */
  static TidingsNode launch(Path jar, List<String> javaOptions, int port, List<String> extra, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    javaOptions.stream().filter(o -> !o.isBlank()).forEach(command::add); // "" stands for the JVM's defaults
    command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port), "--host", "127.0.0.1"));
    command.addAll(extra);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      return new TidingsNode(process, port);
    } catch (IOException e) {
      throw new IllegalStateException("could not start Tidings", e);
    }
  }

  /**
   * Waits (bounded) until the node accepts connections; it prints "Tidings listening on" at the
   * same moment, and a cluster member only listens once it has joined Hazelcast.
   */
  void awaitListening(Duration timeout, Path log) {
    if (!FreePort.awaitListening(port, timeout, process)) {
      close();
      throw new IllegalStateException("Tidings did not listen on port " + port + " within " + timeout + "; see " + log);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** {@code GET /health} (streams held, users online cluster-wide), or {@code null} when it does not answer. */
  JsonObject health() {
    try {
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return new JsonObject(answer.body());
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * {@code POST /api/session} for {@code user}: its token with {@code --auth nickname}, or {@code null}
   * where the node gives none ({@code --auth none}) or did not answer.
   */
  String claimSession(String user) {
    try {
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/session")).header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("user", user).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? new JsonObject(answer.body()).getString("token") : null;
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  long residentBytes() {
    return ProcessMemory.residentBytes(process.pid());
  }

  long liveHeapBytes() {
    return ProcessMemory.liveHeapBytes(process.pid());
  }

  double cpuSeconds() {
    return ProcessMemory.cpuSeconds(process.pid());
  }

  /** SIGTERM without waiting: several nodes drain at once. */
  void terminate() {
    process.destroy();
  }

  @Override
  public void close() {
    // SIGTERM first: the node drains and exits in about 2 s, and a JFR recording asked for with
    // --server-java-opts is written; SIGKILL only if it does not
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
