package io.tidings.bench;

import io.tidings.bench.generator.Catchup;
import io.tidings.bench.generator.ClaimSpec;
import io.tidings.bench.generator.Claimed;
import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.OpenSpec;
import io.tidings.bench.generator.Opened;
import io.tidings.bench.generator.PostResult;
import io.tidings.bench.generator.PostSpec;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The generator processes, used as one: streams and POSTs are spread evenly over them, and each
 * call takes the next loopback source address (127.0.0.2, 127.0.0.3, ...), so repeated runs never
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

  Opened open(Target target, String uriTemplate, int streams, int concurrency) {
    return open(target.port(), uriTemplate, streams, concurrency);
  }

  /** Opens streams on 127.0.0.1:{@code port}: one node of a cluster. */
  Opened open(int port, String uriTemplate, int streams, int concurrency) {
    return open(port, uriTemplate, streams, concurrency, false, false, List.of());
  }

  /** Opens stream {@code i} with the credential {@code tokens[i]} in the URI's {@code {token}} (see {@code OpenSpec}). */
  Opened open(int port, String uriTemplate, List<String> tokens, int concurrency) {
    return open(port, uriTemplate, tokens.size(), concurrency, false, false, tokens);
  }

  /**
   * Opens tracked streams (see {@code OpenSpec}), or with {@code resume} reopens them from their
   * last event ids; the same indices go to the same generator and shard each time.
   */
  Opened openTracked(int port, String uriTemplate, int streams, int concurrency, boolean resume) {
    return open(port, uriTemplate, streams, concurrency, true, resume, List.of());
  }

  private Opened open(int port, String uriTemplate, int streams, int concurrency, boolean tracked, boolean resume,
                      List<String> tokens) {
    long start = System.nanoTime();
    List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
    int per = (streams + generators.size() - 1) / generators.size();
    for (int g = 0; g < generators.size(); g++) {
      int from = g * per;
      int to = Math.min(streams, from + per);
      if (from >= to) {
        break;
      }
      answers.add(generators.get(g).open(new OpenSpec("127.0.0.1", port, uriTemplate, from, to,
        nextSource(), Math.max(1, concurrency / generators.size()), 60_000, tracked, resume,
        tokens.isEmpty() ? List.of() : tokens.subList(from, to))));
    }
    return Opened.sum(answers.stream().map(a -> Opened.fromJson(GeneratorProcess.await(a, Duration.ofMinutes(5))))
      .toList()).withMillis((System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Claims {@code count} sessions on 127.0.0.1:{@code port}, {@code POST uri} with {@code bodyTemplate}
   * for index {@code i}; index ranges are split as {@link #open} splits streams, and the tokens come
   * back in index order.
   */
  Claimed claim(int port, String uri, String bodyTemplate, int count, int concurrency) {
    long start = System.nanoTime();
    List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
    int per = (count + generators.size() - 1) / generators.size();
    int connections = Math.max(1, concurrency / generators.size());
    for (int g = 0; g < generators.size(); g++) {
      int from = g * per;
      int to = Math.min(count, from + per);
      if (from >= to) {
        break;
      }
      // one address per connection, each generator's after the last one's (as far as 250 go)
      answers.add(generators.get(g).claim(new ClaimSpec("127.0.0.1", port, uri, bodyTemplate, from, to,
        sourceAddresses ? "127.0.0." + (2 + (g * connections) % 250) : null, connections, 60_000)));
    }
    return Claimed.sum(answers.stream().map(a -> Claimed.fromJson(GeneratorProcess.await(a, Duration.ofMinutes(5))))
      .toList()).withMillis((System.nanoTime() - start) / 1_000_000);
  }

  int size() {
    return generators.size();
  }

  /** Sends {@code spec} from {@code parts} generator processes at once, each a share of its rate and connections. */
  PostResult post(PostSpec spec, int parts) {
    int senders = Math.max(1, Math.min(parts, generators.size()));
    List<CompletableFuture<JsonObject>> answers = new ArrayList<>();
    for (int g = 0; g < senders; g++) {
      answers.add(generators.get(g).post(spec.share(g, senders).withLocalAddress(nextSource())));
    }
    Duration timeout = Duration.ofSeconds((long) spec.seconds() + 90);
    return PostResult.sum(answers.stream().map(a -> PostResult.fromJson(GeneratorProcess.await(a, timeout))).toList());
  }

  private String nextSource() {
    return sourceAddresses ? "127.0.0." + (2 + (nextAddress++ % 250)) : null;
  }

  Counts stats(boolean reset) {
    List<CompletableFuture<JsonObject>> answers = generators.stream().map(g -> g.stats(reset)).toList();
    return Counts.sum(answers.stream().map(a -> Counts.fromJson(GeneratorProcess.await(a, Duration.ofSeconds(60)))).toList());
  }

  /** CPU seconds all generator processes have used so far. */
  double cpuSeconds() {
    return generators.stream().mapToDouble(g -> ProcessMemory.cpuSeconds(g.pid())).sum();
  }

  void closeStreams() {
    generators.stream().map(g -> g.closeStreams(true)).toList()
      .forEach(a -> GeneratorProcess.await(a, Duration.ofMinutes(2)));
  }

  /** Closes every stream from the client side but keeps their tracks, for a resume. */
  void dropStreams() {
    generators.stream().map(g -> g.closeStreams(false)).toList()
      .forEach(a -> GeneratorProcess.await(a, Duration.ofMinutes(2)));
  }

  /** Where the tracked streams stand against {@code expected} distinct messages each. */
  Catchup catchup(long expected) {
    List<CompletableFuture<JsonObject>> answers = generators.stream().map(g -> g.catchup(expected)).toList();
    return Catchup.sum(answers.stream().map(a -> Catchup.fromJson(GeneratorProcess.await(a, Duration.ofSeconds(60))))
      .toList());
  }

  @Override
  public void close() {
    generators.forEach(GeneratorProcess::close);
  }
}
