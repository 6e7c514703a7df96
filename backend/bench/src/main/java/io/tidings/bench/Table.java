package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as Markdown tables, Tidings beside Nchan with their ratio. */
final class Table {

  private Table() {
  }

  static String render(JsonObject results) {
    StringBuilder out = new StringBuilder();
    out.append("Tidings benchmark, ").append(results.getString("date")).append(", ")
      .append(results.getJsonObject("machine").getInteger("cores")).append(" cores, ")
      .append(results.getJsonObject("machine").getString("cpu")).append('\n');
    String auth = results.getJsonObject("settings").getString("auth");
    if (auth != null) {
      out.append("Tidings: --auth ").append(auth).append(" and no rate limits, as in the runs before identity modes "
        + "and limits, so that figures compare with theirs; the identity table compares --auth modes, limits still off; the limits table, off and on\n");
    }
    if (!results.getJsonObject("settings").getBoolean("nchan")) {
      out.append("Nchan: skipped (").append(results.getJsonObject("settings").getString("nchanSkipped")).append(")\n");
    }
    idle(out, results.getJsonArray("idle"));
    broadcast(out, results.getJsonArray("broadcast"));
    held(out, results.getJsonArray("broadcastHeld", new JsonArray()));
    direct(out, results.getJsonArray("direct"));
    storm(out, results.getJsonArray("storm", new JsonArray()));
    HistoryTable.render(out, results.getJsonObject("history"));
    ResumeTable.render(out, results.getJsonArray("resume"));
    IdentityTable.render(out, results.getJsonArray("identity"));
    LimitsTable.render(out, results.getJsonArray("limits"));
    ClusterTable.render(out, results);
    return out.toString();
  }

  private static void idle(StringBuilder out, JsonArray rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nIdle streams on a fresh server (growth per stream; Nchan = nginx master + workers RSS)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"streams", "presence", "Tidings RSS", "Tidings heap", "Tidings open", "Nchan RSS",
      "Nchan open", "RSS T/N", "failed"});
    for (JsonObject t : objects(rows)) {
      if (!t.getString("target").equals("tidings")) {
        continue;
      }
      JsonObject n = t.getBoolean("presence") ? find(rows, "nchan", t.getInteger("streams")) : null;
      lines.add(new String[] {
        num(t.getInteger("streams")), t.getBoolean("presence") ? "on" : "off",
        kib(t.getLong("rssPerStreamBytes")),
        t.getValue("heapPerStreamBytes") == null ? "-" : kib(t.getLong("heapPerStreamBytes")),
        String.format(Locale.ROOT, "%.1f s", t.getDouble("openSeconds")),
        n == null ? "-" : kib(n.getLong("rssPerStreamBytes")),
        n == null ? "-" : String.format(Locale.ROOT, "%.1f s", n.getDouble("openSeconds")),
        n == null ? "-" : ratio(t.getLong("rssPerStreamBytes"), n.getLong("rssPerStreamBytes")),
        t.getInteger("failed") + t.getInteger("dropped") + (n == null ? "" : " / " + (n.getInteger("failed") + n.getInteger("dropped")))});
    }
    markdown(out, lines);
  }

  private static void broadcast(StringBuilder out, JsonArray rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nBroadcast fan-out (events delivered per second; POST-to-receipt latency in ms, p50/p99/p99.9/max)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"streams", "presence", "rate/s", "Tidings ev/s", "Tidings latency", "held", "Nchan ev/s",
      "Nchan latency", "held", "ev/s T/N", "p99 T/N"});
    for (JsonObject t : objects(rows)) {
      if (!t.getString("target").equals("tidings")) {
        continue;
      }
      // Nchan has no presence: it sits beside the presence-on row only
      JsonObject n = t.getBoolean("presence", true) ? findRate(rows, "nchan", t) : null;
      lines.add(new String[] {
        num(t.getInteger("streams")), t.getBoolean("presence", true) ? "on" : "off", num(t.getDouble("ratePerSecond")), num(t.getLong("deliveredPerSecond")),
        latency(t.getJsonObject("latency")), t.getBoolean("held") ? "yes" : "no",
        n == null ? "-" : num(n.getLong("deliveredPerSecond")), n == null ? "-" : latency(n.getJsonObject("latency")),
        n == null ? "-" : n.getBoolean("held") ? "yes" : "no",
        n == null ? "-" : ratio(t.getLong("deliveredPerSecond"), n.getLong("deliveredPerSecond")),
        n == null ? "-" : ratio(t.getJsonObject("latency").getDouble("p99Ms"), n.getJsonObject("latency").getDouble("p99Ms"))});
    }
    markdown(out, lines);
  }

  private static void held(StringBuilder out, JsonArray summary) {
    if (summary.isEmpty()) {
      return;
    }
    out.append("\nHighest broadcast rate held (every event arrived, p99 within ")
      .append(num(BroadcastScenario.HELD_P99_MS)).append(" ms), and events/s at it\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"target", "presence", "streams", "highest rate held/s", "events/s"});
    for (JsonObject s : objects(summary)) {
      Double rate = s.getDouble("highestHeldRate");
      lines.add(new String[] {s.getString("target"),
        s.getString("target").equals("nchan") ? "-" : s.getBoolean("presence") ? "on" : "off",
        num(s.getInteger("streams")), rate == null ? "none" : num(rate),
        rate == null ? "-" : num(s.getLong("deliveredPerSecond"))});
    }
    markdown(out, lines);
  }

  private static void storm(StringBuilder out, JsonArray rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nConnection storm: the server restarted under N streams, then all reconnect at once "
      + "(seconds from the fresh server accepting until all are open, and until a broadcast reached every one; "
      + "that broadcast's latency in ms, p50/p99/p99.9/max)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"target", "streams", "restart", "reconnected", "failed", "all open", "all back",
      "broadcast latency", "first error"});
    for (JsonObject r : objects(rows)) {
      lines.add(new String[] {r.getString("target"), num(r.getInteger("openedBefore")),
        seconds(r.getDouble("restartSeconds")), num(r.getInteger("reopened")), num(r.getInteger("failed")),
        seconds(r.getDouble("reconnectSeconds")),
        r.getValue("backSeconds") == null ? "incomplete" : seconds(r.getDouble("backSeconds")),
        latency(r.getJsonObject("latency")), r.getString("firstError", "-")});
    }
    markdown(out, lines);
  }

  private static void direct(StringBuilder out, JsonArray rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append("\nDirect messages (random recipient; Tidings only)\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"users", "in flight", "POSTs/s", "failed", "latency p50/p99/p99.9/max ms"});
    for (JsonObject t : objects(rows)) {
      lines.add(new String[] {num(t.getInteger("users")), num(t.getInteger("inFlight")),
        num(t.getLong("postsPerSecond")), num(t.getLong("postsFailed")), latency(t.getJsonObject("latency"))});
    }
    markdown(out, lines);
  }

  static void markdown(StringBuilder out, List<String[]> lines) {
    int[] widths = new int[lines.get(0).length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (int l = 0; l < lines.size(); l++) {
      StringBuilder row = new StringBuilder("|");
      for (int i = 0; i < widths.length; i++) {
        row.append(' ').append(String.format("%-" + widths[i] + "s", lines.get(l)[i])).append(" |");
      }
      out.append(row).append('\n');
      if (l == 0) {
        StringBuilder rule = new StringBuilder("|");
        for (int w : widths) {
          rule.append(' ').append("-".repeat(w)).append(" |");
        }
        out.append(rule).append('\n');
      }
    }
  }

  /** The row of {@code target} at the same stream count, rate and presence as {@code like}, or null. */
  static JsonObject findRate(JsonArray rows, String target, JsonObject like) {
    for (JsonObject r : objects(rows)) {
      if (r.getString("target").equals(target) && r.getInteger("streams").equals(like.getInteger("streams"))
        && r.getDouble("ratePerSecond").equals(like.getDouble("ratePerSecond"))
        && r.getBoolean("presence", true).equals(like.getBoolean("presence", true))) {
        return r;
      }
    }
    return null;
  }

  private static JsonObject find(JsonArray rows, String target, int streams) {
    for (JsonObject r : objects(rows)) {
      if (r.getString("target").equals(target) && r.getInteger("streams") == streams) {
        return r;
      }
    }
    return null;
  }

  static List<JsonObject> objects(JsonArray rows) {
    List<JsonObject> list = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      list.add(rows.getJsonObject(i));
    }
    return list;
  }

  static String latency(JsonObject l) {
    return l.getValue("p50Ms") + " / " + l.getValue("p99Ms") + " / " + l.getValue("p999Ms") + " / " + l.getValue("maxMs");
  }

  static String kib(long bytes) {
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  static String num(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
      : String.format(Locale.ROOT, "%,.1f", value);
  }

  static String ratio(double tidings, double nchan) {
    return nchan <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", tidings / nchan);
  }

  static String seconds(double value) {
    return String.format(Locale.ROOT, "%.1f s", value);
  }
}
