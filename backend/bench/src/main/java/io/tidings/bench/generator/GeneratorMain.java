package io.tidings.bench.generator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A load generator process: {@code java -cp tidings-bench.jar io.tidings.bench.generator.GeneratorMain LOOPS}.
 * It takes one JSON command a line on stdin and answers one JSON line on stdout with the same
 * {@code id}: {@code open}, {@code stats}, {@code catchup}, {@code close}, {@code post}, {@code claim},
 * {@code exit}. It exits when
 * stdin closes, so it never outlives the benchmark that started it. POSTs go out on an event loop
 * of their own, so sending never delays reading the streams.
 */
public final class GeneratorMain {

  private GeneratorMain() {
  }

  public static void main(String[] args) throws Exception {
    int loops = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops + 1).setWorkerPoolSize(1)
      .setInternalBlockingPoolSize(1).setPreferNativeTransport(true));
    List<StreamShard> shards = new ArrayList<>();
    for (int i = 0; i < loops; i++) {
      StreamShard shard = new StreamShard();
      vertx.deployVerticle(shard).await(30, TimeUnit.SECONDS);
      shards.add(shard);
    }
    PostSender sender = new PostSender();
    vertx.deployVerticle(sender).await(30, TimeUnit.SECONDS);
    SessionClaimer claimer = new SessionClaimer();
    vertx.deployVerticle(claimer).await(30, TimeUnit.SECONDS);
    reply(new JsonObject().put("ready", true).put("pid", ProcessHandle.current().pid()));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject command = new JsonObject(line);
      Object id = command.getValue("id");
      String name = command.getString("cmd");
      if ("exit".equals(name)) {
        break;
      }
      Future<JsonObject> answer = switch (name) {
        case "open" -> open(shards, OpenSpec.fromJson(command.getJsonObject("spec")));
        case "stats" -> stats(shards, command.getBoolean("reset", false));
        case "close" -> {
          boolean forget = command.getBoolean("forget", true);
          yield Future.join(shards.stream().map(s -> s.closeAll(forget)).toList()).map(v -> new JsonObject());
        }
        case "catchup" -> catchup(shards, command.getLong("expected"));
        case "post" -> sender.run(PostSpec.fromJson(command.getJsonObject("spec"))).map(PostResult::toJson);
        case "claim" -> claimer.run(ClaimSpec.fromJson(command.getJsonObject("spec"))).map(Claimed::toJson);
        default -> Future.failedFuture("unknown command " + name);
      };
      answer.onComplete(ar -> reply(ar.succeeded() ? ar.result().put("id", id)
        : new JsonObject().put("id", id).put("error", String.valueOf(ar.cause()))));
    }
    vertx.close().await(20, TimeUnit.SECONDS);
    System.exit(0);
  }

  private static Future<JsonObject> open(List<StreamShard> shards, OpenSpec spec) {
    long start = System.nanoTime();
    List<List<Integer>> split = new ArrayList<>();
    shards.forEach(s -> split.add(new ArrayList<>()));
    for (int i = spec.from(); i < spec.to(); i++) {
      split.get(i % shards.size()).add(i);
    }
    OpenSpec perShard = spec.withConcurrency(Math.max(1, spec.concurrency() / shards.size()));
    List<Future<Opened>> opened = new ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      opened.add(shards.get(i).open(perShard, split.get(i)));
    }
    return Future.all(opened).map(all -> Opened.sum(opened.stream().map(Future::result).toList())
      .withMillis((System.nanoTime() - start) / 1_000_000).toJson());
  }

  private static Future<JsonObject> stats(List<StreamShard> shards, boolean reset) {
    List<Future<Counts>> taken = shards.stream().map(s -> s.snapshot(reset)).toList();
    return Future.all(taken).map(all -> Counts.sum(taken.stream().map(Future::result).toList()).toJson());
  }

  private static Future<JsonObject> catchup(List<StreamShard> shards, long expected) {
    List<Future<Catchup>> taken = shards.stream().map(s -> s.catchup(expected)).toList();
    return Future.all(taken).map(all -> Catchup.sum(taken.stream().map(Future::result).toList()).toJson());
  }

  private static synchronized void reply(JsonObject message) {
    System.out.println(message.encode());
    System.out.flush();
  }
}
