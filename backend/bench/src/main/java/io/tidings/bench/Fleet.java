package io.tidings.bench;

import io.tidings.bench.generator.OpenSpec;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DataFormatException;

/**
 * The generator processes, used as one: streams are spread evenly over them, and each open call
 * takes the next loopback source address (127.0.0.2, 127.0.0.3, ...), so repeated runs never
 * exhaust the ephemeral ports of one address pair.
 */
final class Fleet implements AutoCloseable {

  private final List<GeneratorProcess> generators = new ArrayList<>();
  private final boolean sourceAddresses;
  private int nextAddress;

  Fleet(int count, int loops, boolean sourceAddresses, Path log) {
    this.sourceAddresses = sourceAddresses;
    try {
      for (int i = 0; i < count; i++) {
        generators.add(GeneratorProcess.start(loops, log));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  record Opened(int ok, int failed, long millis, String firstError) {
  }

  record Stats(long events, long messages, long bytes, int open, int dropped, Histogram latencyMicros) {
  }

  Opened open(Target target, String uriTemplate, int streams, int concurrency) {
    long start = System.nanoTime();
    List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
    int per = (streams + generators.size() - 1) / generators.size();
    for (int g = 0; g < generators.size(); g++) {
      int from = g * per;
      int to = Math.min(streams, from + per);
      if (from >= to) {
        break;
      }
      String source = sourceAddresses ? "127.0.0." + (2 + (nextAddress++ % 250)) : null;
      answers.add(generators.get(g).open(new OpenSpec("127.0.0.1", target.port(), uriTemplate, from, to, source,
        Math.max(1, concurrency / generators.size()), 60_000)));
    }
    int ok = 0;
    int failed = 0;
    String firstError = null;
    for (CompletableFuture<JsonObject> answer : answers) {
      JsonObject r = GeneratorProcess.await(answer, Duration.ofMinutes(5));
      ok += r.getInteger("ok");
      failed += r.getInteger("failed");
      if (firstError == null) {
        firstError = r.getString("firstError");
      }
    }
    return new Opened(ok, failed, (System.nanoTime() - start) / 1_000_000, firstError);
  }

  Stats stats(boolean reset) {
    List<CompletableFuture<JsonObject>> answers = generators.stream().map(g -> g.stats(reset)).toList();
    long events = 0;
    long messages = 0;
    long bytes = 0;
    int open = 0;
    int dropped = 0;
    Histogram merged = new Histogram(3_600_000_000L, 3);
    for (CompletableFuture<JsonObject> answer : answers) {
      JsonObject r = GeneratorProcess.await(answer, Duration.ofSeconds(60));
      events += r.getLong("events");
      messages += r.getLong("messages");
      bytes += r.getLong("bytes");
      open += r.getInteger("open");
      dropped += r.getInteger("dropped");
      merged.add(decode(r.getString("latencyMicros")));
    }
    return new Stats(events, messages, bytes, open, dropped, merged);
  }

  /** CPU seconds all generator processes have used so far. */
  double cpuSeconds() {
    return generators.stream().mapToDouble(g -> ProcessMemory.cpuSeconds(g.pid())).sum();
  }

  void closeStreams() {
    generators.stream().map(GeneratorProcess::closeStreams).toList()
      .forEach(a -> GeneratorProcess.await(a, Duration.ofMinutes(2)));
  }

  private static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    generators.forEach(GeneratorProcess::close);
  }
}
