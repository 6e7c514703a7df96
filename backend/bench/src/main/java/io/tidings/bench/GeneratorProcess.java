package io.tidings.bench;

import io.tidings.bench.generator.ClaimSpec;
import io.tidings.bench.generator.OpenSpec;
import io.tidings.bench.generator.PostSpec;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The controller's handle on one generator process: JSON commands in on stdin, answers on stdout. */
final class GeneratorProcess implements AutoCloseable {

  private final Process process;
  private final Writer commands;
  private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonObject> ready = new CompletableFuture<>();
  private final AtomicInteger ids = new AtomicInteger();

  private GeneratorProcess(Process process) {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readAnswers, "generator-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static GeneratorProcess start(int loops, Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx1g", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
      "io.tidings.bench.generator.GeneratorMain", String.valueOf(loops));
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      GeneratorProcess generator = new GeneratorProcess(process);
      generator.ready.get(60, TimeUnit.SECONDS);
      return generator;
    } catch (Exception e) {
      throw new IllegalStateException("could not start a generator process; see " + log, e);
    }
  }

  private void readAnswers() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("{")) {
          continue;
        }
        JsonObject answer = new JsonObject(line);
        if (answer.getBoolean("ready", false)) {
          ready.complete(answer);
        } else {
          CompletableFuture<JsonObject> f = waiting.remove(answer.getInteger("id"));
          if (f != null) {
            f.complete(answer);
          }
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // the process is gone
    }
    IllegalStateException gone = new IllegalStateException("generator process " + process.pid() + " exited");
    ready.completeExceptionally(gone);
    waiting.values().forEach(f -> f.completeExceptionally(gone));
  }

  CompletableFuture<JsonObject> call(JsonObject command) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    try {
      synchronized (commands) {
        commands.write(command.put("id", id).encode() + "\n");
        commands.flush();
      }
    } catch (IOException e) {
      waiting.remove(id);
      answer.completeExceptionally(e);
    }
    return answer;
  }

  CompletableFuture<JsonObject> open(OpenSpec spec) {
    return call(new JsonObject().put("cmd", "open").put("spec", spec.toJson()));
  }

  CompletableFuture<JsonObject> post(PostSpec spec) {
    return call(new JsonObject().put("cmd", "post").put("spec", spec.toJson()));
  }

  CompletableFuture<JsonObject> claim(ClaimSpec spec) {
    return call(new JsonObject().put("cmd", "claim").put("spec", spec.toJson()));
  }

  CompletableFuture<JsonObject> stats(boolean reset) {
    return call(new JsonObject().put("cmd", "stats").put("reset", reset));
  }

  /** Closes the streams; with {@code forget} their tracks too (see {@code OpenSpec}). */
  CompletableFuture<JsonObject> closeStreams(boolean forget) {
    return call(new JsonObject().put("cmd", "close").put("forget", forget));
  }

  CompletableFuture<JsonObject> catchup(long expected) {
    return call(new JsonObject().put("cmd", "catchup").put("expected", expected));
  }

  long pid() {
    return process.pid();
  }

  static JsonObject await(CompletableFuture<JsonObject> answer, Duration timeout) {
    try {
      JsonObject result = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (result.containsKey("error")) {
        throw new IllegalStateException("generator: " + result.getString("error"));
      }
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("generator did not answer in " + timeout, e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      call(new JsonObject().put("cmd", "exit"));
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
