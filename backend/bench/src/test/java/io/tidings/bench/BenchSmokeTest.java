package io.tidings.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark in miniature against a freshly started node: a few hundred streams for a few
 * seconds, Nchan off. It checks only that the run completes and writes a complete results file;
 * the figures themselves come from the full run.
 */
class BenchSmokeTest {

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aShortRunCompletesAndWritesEveryResult() throws IOException {
    Path results = Path.of("target", "smoke-results");
    clear(results);
    String jar = System.getProperty("tidings.jar", "../target/tidings.jar");

    int exit = Bench.run("--server-jar", jar, "--no-nchan", "--results", results.toString(),
      "--generators", "1", "--idle-streams", "300", "--no-presence-off",
      "--broadcast-streams", "200", "--broadcast-rates", "5,20", "--broadcast-seconds", "1", "--drain-seconds", "5",
      "--warmup-seconds", "1", "--direct-users", "100", "--direct-seconds", "1", "--direct-in-flight", "8",
      "--storm-streams", "200");

    assertEquals(0, exit, "exit code of the benchmark");
    JsonObject json = new JsonObject(Files.readString(only(results, ".json")));
    for (String field : List.of("date", "machine", "settings", "idle", "broadcast", "broadcastHeld", "direct", "storm",
      "cluster")) {
      assertTrue(json.containsKey(field), "results lack " + field);
    }
    JsonArray idle = json.getJsonArray("idle");
    assertEquals(1, idle.size(), "one idle row: " + idle);
    JsonObject idleRow = idle.getJsonObject(0);
    assertFields(idleRow, "target", "streams", "presence", "opened", "failed", "dropped", "openSeconds",
      "rssBeforeBytes", "rssAfterBytes", "rssPerStreamBytes", "heapPerStreamBytes");
    assertEquals(300, idleRow.getInteger("opened"), "streams opened: " + idleRow);

    JsonArray broadcast = json.getJsonArray("broadcast");
    assertEquals(2, broadcast.size(), "one broadcast row per rate: " + broadcast);
    for (int i = 0; i < broadcast.size(); i++) {
      JsonObject row = broadcast.getJsonObject(i);
      assertFields(row, "target", "streams", "ratePerSecond", "postsSent", "expected", "delivered",
        "deliveredPerSecond", "held", "latency", "cpuCores");
      assertFields(row.getJsonObject("latency"), "count", "p50Ms", "p99Ms", "p999Ms", "maxMs");
      assertTrue(row.getLong("delivered") > 0, "broadcast events arrived: " + row);
    }
    // 200 streams at 5 broadcasts/s is no load at all: every event must be counted
    JsonObject easiest = broadcast.getJsonObject(0);
    assertEquals(easiest.getLong("expected"), easiest.getLong("delivered"), "every event counted at 5/s: " + easiest);

    JsonArray held = json.getJsonArray("broadcastHeld");
    assertEquals(1, held.size(), "one summary per target and stream count: " + held);
    assertFields(held.getJsonObject(0), "target", "streams", "presence", "highestHeldRate", "deliveredPerSecond");

    JsonArray direct = json.getJsonArray("direct");
    assertEquals(1, direct.size(), "one direct row: " + direct);
    JsonObject directRow = direct.getJsonObject(0);
    assertFields(directRow, "users", "postsOk", "postsPerSecond", "delivered", "latency", "warmupPostsPerSecond");
    assertTrue(directRow.getLong("postsOk") > 0, "direct messages were sent: " + directRow);
    // the generators send the POSTs and read the streams: each answered POST is one event counted
    assertEquals(0, directRow.getLong("postsFailed"), "direct POSTs failed: " + directRow);
    assertEquals(directRow.getLong("postsOk"), directRow.getLong("delivered"), "every direct message counted: " + directRow);

    JsonArray storm = json.getJsonArray("storm");
    assertEquals(1, storm.size(), "one storm row: " + storm);
    JsonObject stormRow = storm.getJsonObject(0);
    assertFields(stormRow, "target", "streams", "openedBefore", "restartSeconds", "reopened", "failed",
      "reconnectSeconds", "backSeconds", "complete", "latency");
    // the restart ended all 200 streams; all come back, and a broadcast reaches every one of them
    assertEquals(0, stormRow.getInteger("stillOpenAfterStop"), "the restart ended the old streams: " + stormRow);
    assertEquals(true, stormRow.getBoolean("complete"), "every stream back after the restart: " + stormRow);
    assertEquals(200, stormRow.getInteger("reopened"), "streams reconnected: " + stormRow);

    String svg = Files.readString(only(results, ".svg"));
    assertTrue(svg.startsWith("<svg") && svg.contains("polyline"), "a chart with lines");
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void historyAndResumeRunsCompleteAndEveryStreamCatchesUpExactlyOnce() throws IOException {
    Path results = Path.of("target", "smoke-results-resume");
    clear(results);
    String jar = System.getProperty("tidings.jar", "../target/tidings.jar");

    int exit = Bench.run("--server-jar", jar, "--no-nchan", "--results", results.toString(), "--generators", "1",
      "--scenarios", "history,resume", "--history-broadcast-streams", "100", "--history-broadcast-rates", "10",
      "--broadcast-seconds", "1", "--drain-seconds", "5", "--warmup-seconds", "1", "--direct-users", "50",
      "--direct-seconds", "1", "--direct-in-flight", "4", "--history-memory-events", "400",
      "--history-memory-channels", "400", "--resume-streams", "100", "--resume-rate", "10",
      "--resume-live-seconds", "1", "--resume-away-seconds", "1");

    assertEquals(0, exit, "exit code of the benchmark");
    JsonObject json = new JsonObject(Files.readString(only(results, ".json")));
    JsonObject history = json.getJsonObject("history");
    assertEquals(2, history.getJsonArray("broadcast").size(), "a broadcast row kept and off: " + history);
    assertEquals(2, history.getJsonArray("direct").size(), "a direct row kept and off: " + history);
    JsonArray memory = history.getJsonArray("memory");
    assertEquals(2, memory.size(), "a memory row kept and off: " + memory);
    for (int i = 0; i < memory.size(); i++) {
      JsonObject row = memory.getJsonObject(i);
      assertFields(row, "history", "events", "channels", "heapPer1000EventsBytes", "heapPer1000ChannelsBytes");
      // a message to a user who is not online is kept and answered 200
      assertEquals(0, row.getLong("postsFailed"), "memory POSTs failed: " + row);
      assertEquals(400, row.getLong("channels"), "one channel per new user: " + row);
    }

    JsonArray resume = json.getJsonArray("resume");
    assertEquals(2, resume.size(), "one dropped row and one drained row: " + resume);
    for (int i = 0; i < resume.size(); i++) {
      JsonObject row = resume.getJsonObject(i);
      assertFields(row, "target", "mode", "openedBefore", "postedLive", "postedAway", "reopened", "caughtUpSeconds",
        "duplicates", "missed", "complete");
      assertEquals(100, row.getInteger("reopened"), "every stream resumed: " + row);
      assertEquals(true, row.getBoolean("complete"), "every message once on every stream, and the next too: " + row);
    }
    assertEquals(100, resume.getJsonObject(1).getLong("reconnectEvents"), "the drained node told every stream to reconnect");
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void identityRunSignsInEveryUserInEachModeAndEveryRequestIsAccepted() throws IOException {
    Path results = Path.of("target", "smoke-results-identity");
    clear(results);
    String jar = System.getProperty("tidings.jar", "../target/tidings.jar");

    int exit = Bench.run("--server-jar", jar, "--no-nchan", "--results", results.toString(), "--generators", "1",
      "--scenarios", "identity", "--identity-users", "100", "--identity-repeats", "1", "--warmup-seconds", "1",
      "--direct-seconds", "1", "--direct-in-flight", "8");

    assertEquals(0, exit, "exit code of the benchmark");
    JsonArray rows = new JsonObject(Files.readString(only(results, ".json"))).getJsonArray("identity");
    assertEquals(List.of("none", "nickname", "jwt"), Table.objects(rows).stream().map(r -> r.getString("auth")).toList(),
      "one row per mode, in order: " + rows);
    for (JsonObject row : Table.objects(rows)) {
      assertFields(row, "auth", "repeat", "users", "postsPerSecond", "serverMicrosPerPost", "latency", "cold", "warm");
      assertTrue(row.getLong("postsOk") > 0, "direct messages were sent: " + row);
      assertEquals(0, row.getLong("postsFailed"), "every POST carried an accepted credential: " + row);
      // each message reaches its recipient's stream and its sender's (a message to oneself, once)
      assertTrue(row.getLong("delivered") > row.getLong("postsOk") && row.getLong("delivered") <= 2 * row.getLong("postsOk"),
        "messages reached recipients and senders: " + row);
      for (String step : List.of("cold", "warm")) {
        JsonObject opens = row.getJsonObject(step).getJsonObject("opens");
        assertEquals(100, opens.getInteger("ok"), step + " streams opened with their credentials: " + row);
        JsonObject claims = row.getJsonObject(step).getJsonObject("claims");
        if (row.getString("auth").equals("jwt")) {
          assertEquals(null, claims, "jwt users claim nothing: " + row);
        } else {
          assertEquals(100, claims.getInteger("ok"), step + " sessions claimed: " + row);
        }
      }
    }
    String table = Table.render(new JsonObject(Files.readString(only(results, ".json"))));
    assertTrue(table.contains("Identity cost") && table.contains("| nickname |"), table);
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void limitsRunCountsEveryRequestOnOneNodeAndOnTwoAndRefusesNone() throws IOException {
    Path results = Path.of("target", "smoke-results-limits");
    clear(results);
    String jar = System.getProperty("tidings.jar", "../target/tidings.jar");

    int exit = Bench.run("--server-jar", jar, "--no-nchan", "--results", results.toString(), "--generators", "1",
      "--scenarios", "limits", "--limits-users", "100", "--limits-repeats", "1", "--warmup-seconds", "1",
      "--direct-seconds", "1", "--direct-in-flight", "8");

    // the benchmark exits 1 when any request got 429
    assertEquals(0, exit, "exit code of the benchmark");
    JsonObject json = new JsonObject(Files.readString(only(results, ".json")));
    JsonArray rows = json.getJsonArray("limits");
    assertEquals(List.of("1 off", "1 on", "2 off", "2 on"),
      Table.objects(rows).stream().map(r -> r.getInteger("nodes") + " " + r.getString("limits")).toList(),
      "off then on, on one node and on two: " + rows);
    for (JsonObject row : Table.objects(rows)) {
      assertFields(row, "nodes", "limits", "repeat", "postsPerSecond", "serverMicrosPerPost", "latency", "refused");
      assertEquals("nickname", row.getString("auth"), "sessions, as a browser has: " + row);
      assertEquals(0, row.getLong("refused"), "the ceilings refuse nothing: " + row);
      assertTrue(row.getLong("postsOk") > 0, "direct messages were sent: " + row);
      assertEquals(0, row.getLong("postsFailed"), "every POST accepted: " + row);
      for (String step : List.of("cold", "warm")) {
        assertEquals(100, row.getJsonObject(step).getJsonObject("claims").getInteger("ok"), step + " claims: " + row);
        assertEquals(100, row.getJsonObject(step).getJsonObject("opens").getInteger("ok"), step + " opens: " + row);
      }
    }
    assertTrue(json.getJsonObject("settings").getJsonArray("limitsOnFlags").contains("--max-messages-per-user"),
      "the on runs name their ceilings: " + json.getJsonObject("settings"));
    String table = Table.render(json);
    assertTrue(table.contains("Rate limits cost")
      && table.lines().anyMatch(l -> l.matches("\\| 2 +\\| on +\\|.*")), table);
  }

  private static void assertFields(JsonObject row, String... fields) {
    for (String field : fields) {
      assertTrue(row.containsKey(field), "lacks " + field + ": " + row);
    }
  }

  private static Path only(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
      assertEquals(1, found.size(), "one " + suffix + " file in " + dir + ": " + found);
      return found.get(0);
    }
  }

  private static void clear(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
