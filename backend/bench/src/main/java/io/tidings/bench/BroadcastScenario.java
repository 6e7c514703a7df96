package io.tidings.bench;

import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.Opened;
import io.tidings.bench.generator.PostResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Broadcast fan-out: N streams on one server, one sender POSTing broadcasts at each rate in turn;
 * events delivered per second and POST-to-receipt latency for each rate.
 */
final class BroadcastScenario {

  // a rate is "held" when nearly everything arrived and the tail stayed under this
  static final double HELD_P99_MS = 500;

  private final Fleet fleet;
  private final Sender sender;
  private final Progress progress;
  private final int concurrency;
  private final double seconds;
  private final double drainSeconds;
  private final double warmupSeconds;

  BroadcastScenario(Fleet fleet, Sender sender, Progress progress, int concurrency, double seconds, double drainSeconds,
                     double warmupSeconds) {
    this.fleet = fleet;
    this.sender = sender;
    this.progress = progress;
    this.concurrency = concurrency;
    this.seconds = seconds;
    this.drainSeconds = drainSeconds;
    this.warmupSeconds = warmupSeconds;
  }

  JsonArray run(Supplier<Target> fresh, int streams, List<Double> rates, boolean presence) {
    JsonArray rows = new JsonArray();
    try (Target target = fresh.get()) {
      progress.say("broadcast %s: opening %,d streams", target.name(), streams);
      Opened opened = fleet.open(target, target.streamUri(true, presence), streams, concurrency);
      FreePort.sleep(2000);
      if (warmupSeconds > 0 && !rates.isEmpty()) {
        // a fresh JVM compiles its hot paths for the first 40 s or so; measured figures start after
        sender.atRate(target.senderPort(), target.broadcast(Sender.MARKER), rates.get(0), warmupSeconds);
        FreePort.sleep(1000);
      }
      fleet.stats(true);
      for (double rate : rates) {
        CpuUse cpu = CpuUse.start(target, fleet);
        long start = System.nanoTime();
        PostResult sent = sender.atRate(target.senderPort(), target.broadcast(Sender.MARKER), rate, seconds);
        long expected = sent.ok() * opened.ok();
        // wait for the tail: until every copy arrived, or nothing more arrives for a second, bounded
        long deadline = System.nanoTime() + (long) (drainSeconds * 1e9);
        long received = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
          Counts s = fleet.stats(false);
          if (s.messages() != received) {
            received = s.messages();
            lastProgress = System.nanoTime();
          }
          if (received >= expected || System.nanoTime() - lastProgress > 1_000_000_000L) {
            break;
          }
          FreePort.sleep(100);
        }
        Counts stats = fleet.stats(true);
        JsonObject cpuUse = cpu.stop();
        double elapsed = Math.max(sent.seconds(), (lastProgress - start) / 1e9);
        JsonObject latency = Latency.toJson(stats.latencyMicros());
        boolean held = sent.failed() == 0 && stats.messages() >= expected * 0.999
          && latency.getDouble("p99Ms") <= HELD_P99_MS;
        JsonObject row = new JsonObject()
          .put("target", target.name())
          .put("streams", streams)
          .put("opened", opened.ok())
          .put("presence", presence)
          .put("ratePerSecond", rate)
          .put("postsSent", sent.ok())
          .put("postsFailed", sent.failed())
          .put("expected", expected)
          .put("delivered", stats.messages())
          .put("deliveredPerSecond", Math.round(stats.messages() / elapsed))
          .put("dropped", stats.dropped())
          .put("held", held)
          .put("latency", latency)
          .put("cpuCores", cpuUse);
        rows.add(row);
        progress.say("broadcast %s: %,d streams at %s/s: %,d events/s, p50 %s ms, p99 %s ms, %,d of %,d delivered; "
            + "CPU cores used: server %s, generators %s", target.name(), streams, Table.num(rate),
          row.getLong("deliveredPerSecond"), latency.getValue("p50Ms"), latency.getValue("p99Ms"), stats.messages(),
          expected, cpuUse.getValue("server"), cpuUse.getValue("generators"));
      }
      fleet.closeStreams();
    }
    return rows;
  }

  /**
   * Per target, presence setting and stream count: the highest rate that was held, and the events
   * per second delivered at it (null when none was).
   */
  static JsonArray highestHeld(JsonArray rows) {
    Map<String, JsonObject> best = new LinkedHashMap<>();
    for (JsonObject row : Table.objects(rows)) {
      String key = row.getString("target") + "/" + row.getBoolean("presence") + "/" + row.getInteger("streams");
      JsonObject summary = best.computeIfAbsent(key, k -> new JsonObject().put("target", row.getString("target"))
        .put("streams", row.getInteger("streams")).put("presence", row.getBoolean("presence"))
        .putNull("highestHeldRate").putNull("deliveredPerSecond"));
      Double held = summary.getDouble("highestHeldRate");
      if (row.getBoolean("held") && (held == null || row.getDouble("ratePerSecond") > held)) {
        summary.put("highestHeldRate", row.getDouble("ratePerSecond"))
          .put("deliveredPerSecond", row.getLong("deliveredPerSecond"));
      }
    }
    return new JsonArray(new java.util.ArrayList<>(best.values()));
  }
}
