package io.tidings.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * POSTs benchmark messages: each carries {@code bench:<System.nanoTime()>;}, taken as the request
 * is created, so time spent waiting for a pooled connection counts in the latency too.
 */
final class Sender implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
  private final HttpClient client = vertx.createHttpClient(
    new HttpClientOptions().setKeepAlive(true).setPipelining(false).setConnectTimeout(10_000),
    new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(100_000));

  record Result(long sent, long failed, double seconds) {
    double perSecond() {
      return seconds > 0 ? sent / seconds : 0;
    }
  }

  static String marker() {
    return "bench:" + System.nanoTime() + ";";
  }

  /** {@code rate} POSTs a second for {@code seconds}, on schedule whatever the answers take. */
  Result atRate(int port, IntFunction<Target.Post> post, double rate, double seconds) {
    CompletableFuture<Result> done = new CompletableFuture<>();
    long total = Math.max(1, Math.round(rate * seconds));
    vertx.runOnContext(v -> {
      long start = System.nanoTime();
      long[] counts = new long[3]; // issued, ok, failed
      vertx.setPeriodic(0, 2, timer -> {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long due = Math.min(total, (long) Math.floor(elapsed * rate) + 1);
        while (counts[0] < due) {
          counts[0]++;
          send(port, post.apply((int) counts[0])).onComplete(ok -> {
            counts[ok.succeeded() && ok.result() ? 1 : 2]++;
            if (counts[1] + counts[2] == total) {
              done.complete(new Result(counts[1], counts[2], (System.nanoTime() - start) / 1e9));
            }
          });
        }
        if (counts[0] >= total) {
          vertx.cancelTimer(timer);
        }
      });
    });
    return await(done, seconds + 60);
  }

  /** As many POSTs as the server takes with {@code concurrency} in flight, for {@code seconds}. */
  Result closedLoop(int port, IntFunction<Target.Post> post, int concurrency, double seconds) {
    CompletableFuture<Result> done = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      long[] counts = new long[3]; // in flight, ok, failed
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        if (System.nanoTime() >= end) {
          if (counts[0] == 0 && !done.isDone()) {
            done.complete(new Result(counts[1], counts[2], (System.nanoTime() - start) / 1e9));
          }
          return;
        }
        counts[0]++;
        send(port, post.apply((int) (counts[1] + counts[2]))).onComplete(ok -> {
          counts[0]--;
          counts[ok.succeeded() && ok.result() ? 1 : 2]++;
          next[0].run();
        });
      };
      for (int i = 0; i < concurrency; i++) {
        next[0].run();
      }
    });
    return await(done, seconds + 60);
  }

  private io.vertx.core.Future<Boolean> send(int port, Target.Post post) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
      .setURI(post.uri()).putHeader("Content-Type", post.contentType()).setTimeout(30_000);
    return client.request(request)
      .compose(req -> req.send(Buffer.buffer(post.body())))
      .compose(resp -> resp.body().map(b -> resp.statusCode() / 100 == 2));
  }

  private static Result await(CompletableFuture<Result> done, double seconds) {
    try {
      return done.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("sender did not finish in " + seconds + " s", e);
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // its threads are daemons: they end with the benchmark
    }
  }
}
