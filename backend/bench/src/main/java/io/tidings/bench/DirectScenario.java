package io.tidings.bench;

import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.Opened;

import io.vertx.core.json.JsonObject;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Direct messages: M users with one stream each, POSTs to random recipients as fast as they are answered. */
final class DirectScenario {

  private final Fleet fleet;
  private final Sender sender;
  private final Progress progress;
  private final int concurrency;

  DirectScenario(Fleet fleet, Sender sender, Progress progress, int concurrency) {
    this.fleet = fleet;
    this.sender = sender;
    this.progress = progress;
    this.concurrency = concurrency;
  }

  JsonObject run(Supplier<TidingsTarget> fresh, int users, int inFlight, double seconds, double warmupSeconds) {
    try (TidingsTarget target = fresh.get()) {
      progress.say("direct: opening %,d streams", users);
      Opened opened = fleet.open(target, target.streamUri(false, true), users, concurrency);
      FreePort.sleep(2000);
      SplittableRandom random = new SplittableRandom(42);
      if (warmupSeconds > 0) {
        sender.closedLoop(target.port(), i -> target.direct(Sender.marker(), random.nextInt(users)), inFlight,
          warmupSeconds);
        FreePort.sleep(1000);
      }
      fleet.stats(true);
      CpuUse cpu = CpuUse.start(target, fleet);
      Sender.Result sent = sender.closedLoop(target.port(), i -> target.direct(Sender.marker(), random.nextInt(users)),
        inFlight, seconds);
      FreePort.sleep(1000);
      Counts stats = fleet.stats(true);
      JsonObject cpuUse = cpu.stop();
      fleet.closeStreams();
      JsonObject latency = Latency.toJson(stats.latencyMicros());
      JsonObject row = new JsonObject()
        .put("target", target.name())
        .put("users", users)
        .put("opened", opened.ok())
        .put("inFlight", inFlight)
        .put("seconds", Math.round(sent.seconds() * 100) / 100.0)
        .put("postsOk", sent.sent())
        .put("postsFailed", sent.failed())
        .put("postsPerSecond", Math.round(sent.perSecond()))
        .put("delivered", stats.messages())
        .put("latency", latency)
        .put("cpuCores", cpuUse);
      progress.say("direct: %,d POSTs/s, p50 %s ms, p99 %s ms", row.getLong("postsPerSecond"),
        latency.getValue("p50Ms"), latency.getValue("p99Ms"));
      return row;
    }
  }
}
