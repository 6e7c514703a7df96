package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The resume storm as a Markdown table, Tidings beside Nchan. */
final class ResumeTable {

  private ResumeTable() {
  }

  static void render(StringBuilder out, JsonArray rows) {
    if (rows == null || rows.isEmpty()) {
      return;
    }
    out.append("\nResume storm: N streams cut off (dropped: by the client, the server keeps running; drained: their "
      + "node of two sent SIGTERM, resumed on the other) while broadcasts are posted, then all reconnect at once with "
      + "Last-Event-ID; seconds from the reconnect until all are open and until every stream holds every message; "
      + "welcomed after: seconds from the last stream's HTTP head until every stream had its welcome, before which "
      + "no message is posted\n");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"target", "mode", "streams", "welcomed after", "posted live + away", "reconnect events",
      "all open",
      "all caught up", "replayed", "duplicates", "missed", "next broadcast: copies, streams complete", "server CPU",
      "failed"});
    for (JsonObject r : Table.objects(rows)) {
      lines.add(new String[] {r.getString("target"), r.getString("mode"), Table.num(r.getInteger("openedBefore")),
        r.getValue("welcomeAfterOpenSeconds") == null ? "-" : Table.seconds(r.getDouble("welcomeAfterOpenSeconds")),
        Table.num(r.getLong("postedLive")) + " + " + Table.num(r.getLong("postedAway")),
        Table.num(r.getLong("reconnectEvents")), Table.seconds(r.getDouble("reconnectSeconds")),
        r.getValue("caughtUpSeconds") == null
          ? "incomplete (" + Table.num(r.getInteger("caughtUpStreams")) + ")" : Table.seconds(r.getDouble("caughtUpSeconds")),
        Table.num(r.getLong("replayedMessages")), Table.num(r.getLong("duplicates")), Table.num(r.getLong("missed")),
        Table.num(r.getLong("probeCopies")) + ", " + Table.num(r.getInteger("probeReached")),
        r.getJsonObject("cpuCores").getValue("server") + " cores",
        Table.num(r.getInteger("failed")) + " / " + Table.num(r.getLong("postsFailed"))});
    }
    Table.markdown(out, lines);
  }
}
