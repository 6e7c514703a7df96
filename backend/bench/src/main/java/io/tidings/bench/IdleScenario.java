package io.tidings.bench;

import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.Opened;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * Idle streams: a freshly started server, N streams of N distinct users opened, then its resident
 * memory growth and (for a JVM) live heap growth after a full GC, per stream, and the time to open.
 */
final class IdleScenario {

  private final Fleet fleet;
  private final Progress progress;
  private final int concurrency;

  IdleScenario(Fleet fleet, Progress progress, int concurrency) {
    this.fleet = fleet;
    this.progress = progress;
    this.concurrency = concurrency;
  }

  JsonObject run(Supplier<Target> fresh, int streams, boolean presence) {
    try (Target target = fresh.get()) {
      FreePort.sleep(2000); // let start-up settle (JIT, lazy allocation)
      long heapBefore = target.liveHeapBytes();
      long rssBefore = target.residentBytes();
      progress.say("idle %s: opening %,d streams%s", target.name(), streams, presence ? "" : " (presence off)");
      Opened opened = fleet.open(target, target.streamUri(false, presence), streams, concurrency);
      FreePort.sleep(3000); // presence batches, and the first heartbeat-free quiet second
      long rssAfter = target.residentBytes();
      long heapAfter = target.liveHeapBytes();
      Counts stats = fleet.stats(true);
      fleet.closeStreams();
      JsonObject row = new JsonObject()
        .put("target", target.name())
        .put("streams", streams)
        .put("presence", presence)
        .put("opened", opened.ok())
        .put("failed", opened.failed())
        .put("dropped", stats.dropped())
        .put("openSeconds", opened.millis() / 1000.0)
        .put("rssBeforeBytes", rssBefore)
        .put("rssAfterBytes", rssAfter)
        .put("rssPerStreamBytes", opened.ok() > 0 ? (rssAfter - rssBefore) / opened.ok() : 0)
        .put("heapBeforeBytes", heapBefore)
        .put("heapAfterBytes", heapAfter)
        .put("heapPerStreamBytes", heapBefore < 0 || opened.ok() == 0 ? null : (heapAfter - heapBefore) / opened.ok());
      if (opened.firstError() != null) {
        row.put("firstError", opened.firstError());
      }
      progress.say("idle %s: %,d open in %.1f s, %s/stream resident%s", target.name(), opened.ok(),
        opened.millis() / 1000.0, Table.kib(row.getLong("rssPerStreamBytes")),
        row.getValue("heapPerStreamBytes") == null ? "" : ", " + Table.kib(row.getLong("heapPerStreamBytes")) + "/stream live heap");
      return row;
    }
  }

  static JsonArray rows(JsonObject results) {
    return results.getJsonArray("idle");
  }
}
