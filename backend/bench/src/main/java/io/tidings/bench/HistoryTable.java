package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cost of history as Markdown tables: the node that keeps it beside the one that keeps none, with ratios. */
final class HistoryTable {

  private HistoryTable() {
  }

  static void render(StringBuilder out, JsonObject history) {
    if (history == null) {
      return;
    }
    broadcast(out, history.getJsonArray("broadcast", new JsonArray()));
    direct(out, history.getJsonArray("direct", new JsonArray()));
    memory(out, history.getJsonArray("memory", new JsonArray()));
  }

  private static void broadcast(StringBuilder out, JsonArray rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nHistory cost, broadcast (kept: default history; off: --history-size 0; events/s and latency in ms "
      + "p50/p99/p99.9/max; + is kept minus off)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"streams", "rate/s", "run", "kept ev/s", "kept latency", "off ev/s", "off latency",
      "ev/s kept/off", "p50 +ms", "p99 +ms"});
    for (JsonObject k : Table.objects(rows)) {
      if (!HistoryScenario.KEPT.equals(k.getString("history"))) {
        continue;
      }
      JsonObject o = find(rows, k);
      lines.add(new String[] {Table.num(k.getInteger("streams")), Table.num(k.getDouble("ratePerSecond")),
        Table.num(k.getInteger("repeat", 1)), Table.num(k.getLong("deliveredPerSecond")), Table.latency(k.getJsonObject("latency")),
        o == null ? "-" : Table.num(o.getLong("deliveredPerSecond")), o == null ? "-" : Table.latency(o.getJsonObject("latency")),
        o == null ? "-" : Table.ratio(k.getLong("deliveredPerSecond"), o.getLong("deliveredPerSecond")),
        o == null ? "-" : added(k, o, "p50Ms"), o == null ? "-" : added(k, o, "p99Ms")});
    }
    Table.markdown(out, lines);
  }

  private static void direct(StringBuilder out, JsonArray rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nHistory cost, direct messages (random recipient, every one online)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"users", "run", "kept POSTs/s", "kept latency", "off POSTs/s", "off latency",
      "POSTs/s kept/off", "p50 +ms", "p99 +ms", "failed"});
    for (JsonObject k : Table.objects(rows)) {
      if (!HistoryScenario.KEPT.equals(k.getString("history"))) {
        continue;
      }
      JsonObject o = find(rows, k);
      if (o == null) {
        continue;
      }
      lines.add(new String[] {Table.num(k.getInteger("users")), Table.num(k.getInteger("repeat", 1)),
        Table.num(k.getLong("postsPerSecond")),
        Table.latency(k.getJsonObject("latency")), Table.num(o.getLong("postsPerSecond")),
        Table.latency(o.getJsonObject("latency")), Table.ratio(k.getLong("postsPerSecond"), o.getLong("postsPerSecond")),
        added(k, o, "p50Ms"), added(k, o, "p99Ms"), k.getLong("postsFailed") + " / " + o.getLong("postsFailed")});
    }
    Table.markdown(out, lines);
  }

  private static void memory(StringBuilder out, JsonArray rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nHistory memory on a fresh node with no stream (growth of the live heap after a full GC, and of resident "
      + "memory; events: direct messages kept, over " + HistoryScenario.EVENT_CHANNELS + " new users; channels: one direct "
      + "message to each of K more new users, so each holds one event; Nchan, with the same buffer: the proportional "
      + "set size of nginx's processes, as its messages are in a shared memory zone, and channels for users)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"history", "events", "heap /1,000 events", "RSS /1,000 events", "channels",
      "heap /1,000 channels", "RSS /1,000 channels", "failed"});
    for (JsonObject r : Table.objects(rows)) {
      if (r.containsKey("pssPer1000EventsBytes")) {
        lines.add(new String[] {"nchan, buffer " + Table.num(r.getInteger("bufferLength")), Table.num(r.getLong("events")),
          "-", Table.kib(r.getLong("pssPer1000EventsBytes")) + " (PSS)", Table.num(r.getLong("channels")), "-",
          Table.kib(r.getLong("pssPer1000ChannelsBytes")) + " (PSS)", Table.num(r.getLong("postsFailed"))});
        continue;
      }
      lines.add(new String[] {r.getString("history"), Table.num(r.getLong("events")),
        Table.kib(r.getLong("heapPer1000EventsBytes")), Table.kib(r.getLong("rssPer1000EventsBytes")),
        Table.num(r.getLong("channels")), Table.kib(r.getLong("heapPer1000ChannelsBytes")),
        Table.kib(r.getLong("rssPer1000ChannelsBytes")), Table.num(r.getLong("postsFailed"))});
    }
    Table.markdown(out, lines);
  }

  /** The off row of the same run, stream count and rate (broadcast) as {@code kept}, or null. */
  private static JsonObject find(JsonArray rows, JsonObject kept) {
    for (JsonObject r : Table.objects(rows)) {
      if (HistoryScenario.OFF.equals(r.getString("history"))
        && r.getInteger("repeat", 1).equals(kept.getInteger("repeat", 1))
        && java.util.Objects.equals(r.getInteger("streams"), kept.getInteger("streams"))
        && java.util.Objects.equals(r.getDouble("ratePerSecond"), kept.getDouble("ratePerSecond"))) {
        return r;
      }
    }
    return null;
  }

  private static String added(JsonObject kept, JsonObject off, String percentile) {
    double ms = kept.getJsonObject("latency").getDouble(percentile) - off.getJsonObject("latency").getDouble(percentile);
    return String.format(Locale.ROOT, "%+.1f", ms);
  }
}
