package io.tidings.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A freshly started Tidings node: {@code java -jar tidings.jar --port P --host 127.0.0.1}. */
final class TidingsTarget implements Target {

  private final Process process;
  private final int port;

  private TidingsTarget(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static TidingsTarget start(Path jar, List<String> javaOptions, Path log) {
    int port = FreePort.find();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port), "--host", "127.0.0.1"));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      TidingsTarget target = new TidingsTarget(process, port);
      if (!FreePort.awaitListening(port, Duration.ofSeconds(60), process)) {
        target.close();
        throw new IllegalStateException("Tidings did not listen on port " + port + " within 60 s; see " + log);
      }
      return target;
    } catch (IOException e) {
      throw new IllegalStateException("could not start Tidings", e);
    }
  }

  @Override
  public String name() {
    return "tidings";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String streamUri(boolean broadcast, boolean presence) {
    return "/sse?user=u{i}" + (presence ? "" : "&presence=false");
  }

  @Override
  public Post broadcast(String text) {
    return new Post("/sse/message", "application/json", "{\"user\":\"benchsender\",\"message\":\"" + text + "\"}");
  }

  /** A direct message to the user of stream {@code index} (see {@link #streamUri}). */
  Post direct(String text, String index) {
    return new Post("/sse/message", "application/json",
      "{\"user\":\"benchsender\",\"to\":\"u" + index + "\",\"message\":\"" + text + "\"}");
  }

  @Override
  public long residentBytes() {
    return ProcessMemory.residentBytes(process.pid());
  }

  @Override
  public long liveHeapBytes() {
    return ProcessMemory.liveHeapBytes(process.pid());
  }

  @Override
  public double cpuSeconds() {
    return ProcessMemory.cpuSeconds(process.pid());
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
