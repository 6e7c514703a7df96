package io.tidings.bench;

import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.Opened;
import io.tidings.bench.generator.PostResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/** Direct messages: M users with one stream each, POSTs to random recipients as fast as they are answered. */
final class DirectScenario {

  // the warm-up runs in slices this long, each one's POSTs/s reported: evidence it reached steady state
  static final double WARMUP_SLICE_SECONDS = 5;

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

  JsonObject run(Supplier<TidingsTarget> fresh, int users, int connections, double seconds, double warmupSeconds) {
    try (TidingsTarget target = fresh.get()) {
      progress.say("direct: opening %,d streams", users);
      Opened opened = fleet.open(target, target.streamUri(false, true), users, concurrency);
      FreePort.sleep(2000);
      Target.Post post = target.direct(Sender.MARKER, Sender.RECIPIENT);
      JsonArray warmup = new JsonArray();
      for (double left = warmupSeconds; left > 0; left -= WARMUP_SLICE_SECONDS) {
        PostResult slice = sender.closedLoop(target.senderPort(), post, users, connections, Math.min(left, WARMUP_SLICE_SECONDS));
        warmup.add(Math.round(slice.perSecond()));
        progress.say("direct: warm-up slice %d: %,d POSTs/s", warmup.size(), Math.round(slice.perSecond()));
      }
      if (warmupSeconds > 0) {
        FreePort.sleep(1000);
      }
      fleet.stats(true);
      CpuUse cpu = CpuUse.start(target, fleet);
      PostResult sent = sender.closedLoop(target.senderPort(), post, users, connections, seconds);
      FreePort.sleep(1000);
      Counts stats = fleet.stats(true);
      JsonObject cpuUse = cpu.stop();
      fleet.closeStreams();
      JsonObject latency = Latency.toJson(stats.latencyMicros());
      JsonObject row = new JsonObject()
        .put("target", target.name())
        .put("nodes", target.nodes().size())
        .put("users", users)
        .put("opened", opened.ok())
        .put("inFlight", connections)
        .put("warmupPostsPerSecond", warmup)
        .put("seconds", Math.round(sent.seconds() * 100) / 100.0)
        .put("postsOk", sent.ok())
        .put("postsFailed", sent.failed())
        .put("postsPerSecond", Math.round(sent.perSecond()))
        .put("delivered", stats.messages())
        .put("latency", latency)
        .put("cpuCores", cpuUse);
      progress.say("direct: %,d POSTs/s, p50 %s ms, p99 %s ms; CPU cores used: server %s, generators %s",
        row.getLong("postsPerSecond"), latency.getValue("p50Ms"), latency.getValue("p99Ms"),
        cpuUse.getValue("server"), cpuUse.getValue("generators"));
      return row;
    }
  }
}
