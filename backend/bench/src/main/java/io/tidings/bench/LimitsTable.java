package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost of the rate limits as a Markdown table: per node count, a line with the limits off and
 * one with them on, each figure the range over the runs, and beside the on line the range of its
 * ratio to (or difference from) off of the same node count and repeat. A line with any 429 says
 * so in place of its figures' meaning: the ceilings were meant to refuse nothing.
 */
final class LimitsTable {

  private LimitsTable() {
  }

  static void render(StringBuilder out, JsonArray rows) {
    if (rows == null || rows.isEmpty()) {
      return;
    }
    Map<String, List<JsonObject>> byLine = new LinkedHashMap<>();
    for (JsonObject r : Table.objects(rows)) {
      byLine.computeIfAbsent(r.getInteger("nodes") + " " + r.getString("limits"), k -> new ArrayList<>()).add(r);
    }
    JsonObject any = rows.getJsonObject(0);
    out.append("\nRate limits cost, --auth ").append(any.getString("auth")).append(", fresh nodes with every limit off, or on at ceilings nothing "
      + "reaches (").append(LimitsScenario.CEILING).append(" a minute, ").append(LimitsScenario.STREAMS_CEILING)
      .append(" streams per user) so that every request is counted (").append(Table.num(any.getInteger("users")))
      .append(" users, each a stream; direct messages with ").append(Table.num(any.getInteger("inFlight")))
      .append(" in flight; claims and opens of as many more users on the warmed node; 2 nodes: claims and POSTs to "
        + "the first, streams on the second; server µs: CPU time of all nodes per request; each figure the range over "
        + "the runs, ratios and differences to off taken run by run)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"nodes", "limits", "runs", "POSTs/s", "÷ off", "p50 ms", "÷ off", "p99 ms", "÷ off",
      "µs/POST", "− off", "µs/claim", "− off", "µs/open", "− off", "429s", "failed"});
    for (Map.Entry<String, List<JsonObject>> line : byLine.entrySet()) {
      List<JsonObject> runs = line.getValue();
      JsonObject first = runs.get(0);
      boolean on = first.getString("limits").equals("on");
      List<JsonObject> off = byLine.getOrDefault(first.getInteger("nodes") + " off", List.of());
      long refused = LimitsScenario.refused(new JsonArray(new ArrayList<>(runs)));
      lines.add(new String[] {Table.num(first.getInteger("nodes")), first.getString("limits"), Table.num(runs.size()),
        IdentityTable.range(runs, r -> r.getLong("postsPerSecond"), Table::num),
        on ? IdentityTable.ratios(runs, off, r -> r.getLong("postsPerSecond")) : "1",
        IdentityTable.range(runs, r -> r.getJsonObject("latency").getDouble("p50Ms"), IdentityTable::decimal),
        on ? IdentityTable.ratios(runs, off, r -> r.getJsonObject("latency").getDouble("p50Ms")) : "1",
        IdentityTable.range(runs, r -> r.getJsonObject("latency").getDouble("p99Ms"), IdentityTable::decimal),
        on ? IdentityTable.ratios(runs, off, r -> r.getJsonObject("latency").getDouble("p99Ms")) : "1",
        IdentityTable.range(runs, r -> r.getDouble("serverMicrosPerPost"), IdentityTable::decimal),
        on ? IdentityTable.differences(runs, off, r -> r.getDouble("serverMicrosPerPost")) : "-",
        IdentityTable.range(runs, r -> IdentityTable.claims(r).getDouble("serverMicrosEach"), IdentityTable::decimal),
        on ? IdentityTable.differences(runs, off, r -> IdentityTable.claims(r).getDouble("serverMicrosEach")) : "-",
        IdentityTable.range(runs, r -> IdentityTable.opens(r).getDouble("serverMicrosEach"), IdentityTable::decimal),
        on ? IdentityTable.differences(runs, off, r -> IdentityTable.opens(r).getDouble("serverMicrosEach")) : "-",
        refused == 0 ? "0" : Table.num(refused) + " REFUSED: not a cost figure",
        Table.num(runs.stream().mapToLong(IdentityTable::failed).sum())});
    }
    Table.markdown(out, lines);
  }
}
