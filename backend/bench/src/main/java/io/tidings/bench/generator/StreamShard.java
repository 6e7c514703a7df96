package io.tidings.bench.generator;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams of one generator event loop: it opens them, counts their events and records the
 * latency of each benchmark message. Confined to its event loop, so no locks; the generator asks
 * for figures through {@link #onContext}.
 */
final class StreamShard extends AbstractVerticle {

  private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
  private final List<HttpClient> clients = new ArrayList<>();
  private long events;
  private long messages;
  private long bytes;
  private int open;
  private int dropped;
  // streams of an earlier generation were closed on purpose: their ends are not drops
  private int generation;

  private final EventScanner.Sink sink = new EventScanner.Sink() {
    @Override
    public void events(int count) {
      events += count;
    }

    @Override
    public void message(long sentNanos) {
      messages++;
      long micros = Math.max(0, (System.nanoTime() - sentNanos) / 1000);
      latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
    }
  };

  /** Runs {@code action} on this shard's event loop and completes with its result. */
  <T> Future<T> onContext(java.util.function.Supplier<T> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(action.get());
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  /** Opens the streams {@code indices}, at most {@code concurrency} handshakes at once. */
  Future<JsonObject> open(OpenSpec spec, List<Integer> indices) {
    Promise<JsonObject> done = Promise.promise();
    context.runOnContext(v -> {
      HttpClient client = vertx.createHttpClient(new HttpClientOptions()
          .setProtocolVersion(HttpVersion.HTTP_1_1)
          .setKeepAlive(false)
          .setConnectTimeout(spec.timeoutMillis())
          .setIdleTimeout(0)
          .setLocalAddress(spec.localAddress()),
        new PoolOptions().setHttp1MaxSize(Math.max(1, indices.size())).setMaxWaitQueueSize(-1));
      clients.add(client);
      new Opener(client, spec, new ArrayDeque<>(indices), done).start();
    });
    return done.future();
  }

  /** Closes every stream of this shard. */
  Future<Void> closeAll() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      generation++;
      open = 0;
      List<Future<Void>> closed = new ArrayList<>();
      for (HttpClient client : clients) {
        closed.add(client.close());
      }
      clients.clear();
      Future.join(closed).onComplete(r -> {
        done.complete();
      });
    });
    return done.future();
  }

  /** Figures since the last reset; a copy of the histogram, safe to read on another thread. */
  Future<Counts> snapshot(boolean reset) {
    return onContext(() -> {
      Counts s = new Counts(events, messages, bytes, open, dropped, latencyMicros.copy());
      if (reset) {
        events = 0;
        messages = 0;
        bytes = 0;
        dropped = 0;
        latencyMicros.reset();
      }
      return s;
    });
  }


  /** Keeps {@code concurrency} handshakes in flight until every index has been tried. */
  private final class Opener {
    private final HttpClient client;
    private final OpenSpec spec;
    private final ArrayDeque<Integer> pending;
    private final Promise<JsonObject> done;
    private final int total;
    private int inFlight;
    private int ok;
    private int failed;
    private String firstError;

    Opener(HttpClient client, OpenSpec spec, ArrayDeque<Integer> pending, Promise<JsonObject> done) {
      this.client = client;
      this.spec = spec;
      this.pending = pending;
      this.done = done;
      this.total = pending.size();
    }

    void start() {
      if (total == 0) {
        finish();
        return;
      }
      pump();
    }

    private void pump() {
      while (inFlight < spec.concurrency() && !pending.isEmpty()) {
        int index = pending.poll();
        inFlight++;
        openOne(index);
      }
    }

    private void openOne(int index) {
      RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(spec.host())
        .setPort(spec.port())
        .setURI(spec.uriTemplate().replace("{i}", Integer.toString(index)))
        .putHeader("Accept", "text/event-stream")
        .setTimeout(spec.timeoutMillis());
      client.request(request)
        .compose(req -> req.send())
        .onComplete(ar -> {
          inFlight--;
          if (ar.succeeded() && ar.result().statusCode() == 200) {
            attach(ar.result());
            ok++;
          } else {
            failed++;
            if (firstError == null) {
              firstError = ar.succeeded() ? "HTTP " + ar.result().statusCode() : String.valueOf(ar.cause());
            }
            if (ar.succeeded()) {
              ar.result().request().connection().close();
            }
          }
          if (ok + failed == total) {
            finish();
          } else {
            pump();
          }
        });
    }

    private void attach(HttpClientResponse response) {
      open++;
      EventScanner scanner = new EventScanner();
      response.handler(chunk -> {
        bytes += chunk.length();
        scanner.scan(chunk, sink);
      });
      response.exceptionHandler(e -> { });
      boolean[] gone = new boolean[1];
      int born = generation;
      Runnable lost = () -> {
        if (!gone[0] && born == generation) {
          gone[0] = true;
          open--;
          dropped++; // the server ended a stream the benchmark still wanted
        }
      };
      response.endHandler(v -> lost.run());
      response.request().connection().closeHandler(v -> lost.run());
    }

    private void finish() {
      JsonObject result = new JsonObject().put("ok", ok).put("failed", failed);
      if (firstError != null) {
        result.put("firstError", firstError);
      }
      done.complete(result);
    }
  }
}
