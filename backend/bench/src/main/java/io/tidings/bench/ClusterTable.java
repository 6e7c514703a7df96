package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The cluster's figures as Markdown tables, beside the single node's from the same run. */
final class ClusterTable {

  private ClusterTable() {
  }

  static void render(StringBuilder out, JsonObject results) {
    JsonObject cluster = results.getJsonObject("cluster");
    if (cluster == null) {
      return;
    }
    broadcast(out, cluster.getJsonArray("broadcast"), results.getJsonArray("broadcast"));
    direct(out, cluster.getJsonArray("direct"), results.getJsonArray("direct"));
    idle(out, cluster.getJsonArray("idle"));
  }

  private static void broadcast(StringBuilder out, JsonArray rows, JsonArray single) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nBroadcast, one node vs a two-node cluster (streams on node B, POSTs to node A; latency ms "
      + "p50/p99/p99.9/max)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"streams", "rate/s", "1 node ev/s", "1 node latency", "held", "cluster ev/s",
      "cluster latency", "held", "p99 cluster/1"});
    for (JsonObject c : Table.objects(rows)) {
      JsonObject s = Table.findRate(single, "tidings", c);
      lines.add(new String[] {Table.num(c.getInteger("streams")), Table.num(c.getDouble("ratePerSecond")),
        s == null ? "-" : Table.num(s.getLong("deliveredPerSecond")), s == null ? "-" : Table.latency(s.getJsonObject("latency")),
        s == null ? "-" : s.getBoolean("held") ? "yes" : "no",
        Table.num(c.getLong("deliveredPerSecond")), Table.latency(c.getJsonObject("latency")),
        c.getBoolean("held") ? "yes" : "no",
        s == null ? "-" : Table.ratio(c.getJsonObject("latency").getDouble("p99Ms"), s.getJsonObject("latency").getDouble("p99Ms"))});
    }
    Table.markdown(out, lines);
  }

  private static void direct(StringBuilder out, JsonArray rows, JsonArray single) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nDirect messages, one node vs a two-node cluster (every message crosses nodes)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"users", "in flight", "1 node POSTs/s", "1 node latency", "cluster POSTs/s",
      "cluster latency", "failed"});
    for (JsonObject c : Table.objects(rows)) {
      JsonObject s = null;
      for (JsonObject r : Table.objects(single)) {
        if (r.getInteger("users").equals(c.getInteger("users")) && r.getInteger("inFlight").equals(c.getInteger("inFlight"))) {
          s = r;
        }
      }
      lines.add(new String[] {Table.num(c.getInteger("users")), Table.num(c.getInteger("inFlight")),
        s == null ? "-" : Table.num(s.getLong("postsPerSecond")), s == null ? "-" : Table.latency(s.getJsonObject("latency")),
        Table.num(c.getLong("postsPerSecond")), Table.latency(c.getJsonObject("latency")),
        Table.num(c.getLong("postsFailed"))});
    }
    Table.markdown(out, lines);
  }

  private static void idle(StringBuilder out, JsonArray rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nIdle streams over a cluster (an equal share per node; growth per stream on each node)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"node", "streams", "RSS/stream", "heap/stream", "open", "failed"});
    for (JsonObject c : Table.objects(rows)) {
      for (JsonObject n : Table.objects(c.getJsonArray("perNode"))) {
        lines.add(new String[] {n.getInteger("node") + " of " + c.getInteger("nodes"), Table.num(n.getInteger("opened")),
          Table.kib(n.getLong("rssPerStreamBytes")),
          n.getValue("heapPerStreamBytes") == null ? "-" : Table.kib(n.getLong("heapPerStreamBytes")),
          Table.seconds(n.getDouble("openSeconds")), Table.num(n.getInteger("failed"))});
      }
      lines.add(new String[] {"all", Table.num(c.getInteger("opened")), "", "", Table.seconds(c.getDouble("openSeconds")),
        Table.num(c.getInteger("failed") + c.getInteger("dropped"))});
    }
    Table.markdown(out, lines);
    for (JsonObject c : Table.objects(rows)) {
      out.append("Every node listed all ").append(Table.num(c.getInteger("opened"))).append(" users online ")
        .append(c.getValue("onlineEverywhereSeconds") == null ? "(not within 60 s)"
          : Table.seconds(c.getDouble("onlineEverywhereSeconds")))
        .append(" after the first open.\n");
    }
  }
}
