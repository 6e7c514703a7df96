package io.tidings.bench;

import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.Opened;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Idle streams over a cluster: an equal share of distinct users on each node, opened one node
 * after the other; per node its resident memory and live heap growth per stream and its time to
 * open, and how long until every node lists every user online (presence is cluster-wide).
 */
final class ClusterIdleScenario {

  private final Fleet fleet;
  private final Progress progress;
  private final int concurrency;

  ClusterIdleScenario(Fleet fleet, Progress progress, int concurrency) {
    this.fleet = fleet;
    this.progress = progress;
    this.concurrency = concurrency;
  }

  JsonObject run(Supplier<TidingsTarget> fresh, int streams) {
    try (TidingsTarget cluster = fresh.get()) {
      List<TidingsNode> nodes = cluster.nodes();
      int share = streams / nodes.size();
      FreePort.sleep(2000); // let start-up settle (JIT, lazy allocation)
      long[] rssBefore = new long[nodes.size()];
      long[] heapBefore = new long[nodes.size()];
      for (int k = 0; k < nodes.size(); k++) {
        // as IdleScenario: the full GC before the resident memory, so both start from a collected heap
        heapBefore[k] = nodes.get(k).liveHeapBytes();
        rssBefore[k] = nodes.get(k).residentBytes();
      }
      long start = System.nanoTime();
      JsonArray perNode = new JsonArray();
      int opened = 0;
      int failed = 0;
      String firstError = null;
      for (int k = 0; k < nodes.size(); k++) {
        progress.say("cluster idle: opening %,d streams on node %d of %d", share, k + 1, nodes.size());
        // distinct users on every node: n0u0, n1u0, ...
        Opened o = fleet.open(nodes.get(k).port(), "/sse?user=n" + k + "u{i}", share, concurrency);
        opened += o.ok();
        failed += o.failed();
        firstError = firstError != null ? firstError : o.firstError();
        perNode.add(new JsonObject().put("node", k + 1).put("opened", o.ok()).put("failed", o.failed())
          .put("openSeconds", o.millis() / 1000.0));
      }
      double openSeconds = (System.nanoTime() - start) / 1e9;
      int total = opened;
      boolean everywhere = ClusterJoin.everyNode(nodes, online -> online >= total, Duration.ofSeconds(60));
      double onlineSeconds = (System.nanoTime() - start) / 1e9;
      FreePort.sleep(3000); // presence batches, and a quiet second
      for (int k = 0; k < nodes.size(); k++) {
        JsonObject row = perNode.getJsonObject(k);
        long rss = nodes.get(k).residentBytes();
        long heap = nodes.get(k).liveHeapBytes();
        int n = row.getInteger("opened");
        row.put("rssBeforeBytes", rssBefore[k]).put("rssAfterBytes", rss)
          .put("rssPerStreamBytes", n > 0 ? (rss - rssBefore[k]) / n : 0)
          .put("heapBeforeBytes", heapBefore[k]).put("heapAfterBytes", heap)
          .put("heapPerStreamBytes", n > 0 && heapBefore[k] >= 0 ? (heap - heapBefore[k]) / n : null);
      }
      Counts stats = fleet.stats(true);
      fleet.closeStreams();
      JsonObject result = new JsonObject()
        .put("target", cluster.name())
        .put("nodes", nodes.size())
        .put("streams", streams)
        .put("opened", opened)
        .put("failed", failed)
        .put("dropped", stats.dropped())
        .put("openSeconds", Math.round(openSeconds * 100) / 100.0)
        .put("onlineEverywhereSeconds", everywhere ? Math.round(onlineSeconds * 100) / 100.0 : null)
        .put("perNode", perNode);
      if (firstError != null) {
        result.put("firstError", firstError);
      }
      progress.say("cluster idle: %,d open on %d nodes in %.1f s; every node lists them online after %s; "
          + "RSS/stream per node: %s", opened, nodes.size(), openSeconds,
        everywhere ? String.format("%.1f s", onlineSeconds) : "(not within 60 s)", perNodeRss(perNode));
      return result;
    }
  }

  private static String perNodeRss(JsonArray perNode) {
    StringBuilder out = new StringBuilder();
    for (JsonObject row : Table.objects(perNode)) {
      out.append(out.length() == 0 ? "" : ", ").append(Table.kib(row.getLong("rssPerStreamBytes")));
    }
    return out.toString();
  }
}
