package io.tidings.bench;

import io.tidings.bench.generator.PostResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.List;

/**
 * The cost of history: the broadcast and direct runs on a node that keeps the default history and
 * on one started with {@code --history-size 0} (events still ordered, none kept), one after the
 * other in the same run; and how much heap and resident memory a node grows by as it keeps
 * events in one channel and as it opens channels for users it has never seen. The machine is
 * shared, so the figures to read are the ratios between the two nodes.
 */
final class HistoryScenario {

  /** The server flags of each setting, by the name the results give it. */
  static final String KEPT = "kept";
  static final String OFF = "off";
  static final List<String> KEPT_FLAGS = List.of();
  static final List<String> OFF_FLAGS = List.of("--history-size", "0");

  // the memory steps post at this rate: one generator process keeps it evenly
  private static final double MEMORY_RATE = 2_000;

  private final Fleet fleet;
  private final Sender sender;
  private final Progress progress;
  private final Path jar;
  private final List<String> javaOptions;
  private final Path log;

  HistoryScenario(Fleet fleet, Sender sender, Progress progress, Path jar, List<String> javaOptions, Path log) {
    this.fleet = fleet;
    this.sender = sender;
    this.progress = progress;
    this.jar = jar;
    this.javaOptions = javaOptions;
    this.log = log;
  }

  private TidingsTarget start(String setting) {
    return TidingsTarget.start(jar, javaOptions, log, setting.equals(KEPT) ? KEPT_FLAGS : OFF_FLAGS);
  }

  /** Broadcast rows for both settings, each tagged with {@code history}. */
  JsonArray broadcast(BroadcastScenario broadcast, List<Integer> streamCounts, List<Double> rates) {
    JsonArray rows = new JsonArray();
    for (int n : streamCounts) {
      for (String setting : List.of(KEPT, OFF)) {
        JsonArray some = broadcast.run(() -> start(setting), n, rates, true);
        for (JsonObject row : Table.objects(some)) {
          rows.add(row.put("history", setting));
        }
      }
    }
    return rows;
  }

  /** Direct rows for both settings, each tagged with {@code history}. */
  JsonArray direct(DirectScenario direct, int users, int inFlight, double seconds, double warmupSeconds) {
    JsonArray rows = new JsonArray();
    for (String setting : List.of(KEPT, OFF)) {
      rows.add(direct.run(() -> start(setting), users, inFlight, seconds, warmupSeconds).put("history", setting));
    }
    return rows;
  }

  /**
   * On a fresh node of each setting, no stream open: the live heap (after a full GC) and resident
   * memory before, after {@code events} broadcasts (kept in the one channel everyone shares), and
   * after one direct message to each of {@code channels} distinct users nobody is (each a channel
   * with one event).
   */
  JsonArray memory(int events, int channels) {
    JsonArray rows = new JsonArray();
    for (String setting : List.of(KEPT, OFF)) {
      try (TidingsTarget target = start(setting)) {
        progress.say("history memory (%s): %,d broadcasts, then %,d direct messages to distinct new users", setting,
          events, channels);
        FreePort.sleep(2000);
        long heap0 = target.liveHeapBytes();
        long rss0 = target.residentBytes();
        PostResult kept = sender.atRate(target.senderPort(), target.broadcast(Sender.MARKER), Math.min(MEMORY_RATE, events),
          events / Math.min(MEMORY_RATE, events));
        FreePort.sleep(1000);
        long heap1 = target.liveHeapBytes();
        long rss1 = target.residentBytes();
        Target.Post toNewUser = new Target.Post("/sse/message", "application/json",
          "{\"user\":\"benchsender\",\"to\":\"m" + Sender.SEQUENCE + "\",\"message\":\"" + Sender.MARKER + "\"}");
        PostResult users = sender.atRate(target.senderPort(), toNewUser, MEMORY_RATE, channels / MEMORY_RATE);
        FreePort.sleep(1000);
        long heap2 = target.liveHeapBytes();
        long rss2 = target.residentBytes();
        JsonObject row = new JsonObject()
          .put("history", setting)
          .put("events", kept.ok())
          .put("channels", users.ok())
          .put("postsFailed", kept.failed() + users.failed())
          .put("heapBytes", new JsonArray(List.of(heap0, heap1, heap2)))
          .put("rssBytes", new JsonArray(List.of(rss0, rss1, rss2)))
          .put("heapPer1000EventsBytes", per1000(heap1 - heap0, kept.ok()))
          .put("rssPer1000EventsBytes", per1000(rss1 - rss0, kept.ok()))
          .put("heapPer1000ChannelsBytes", per1000(heap2 - heap1, users.ok()))
          .put("rssPer1000ChannelsBytes", per1000(rss2 - rss1, users.ok()));
        rows.add(row);
        progress.say("history memory (%s): per 1,000 kept events %s heap, %s resident; per 1,000 user channels %s heap, "
            + "%s resident; %,d POSTs failed", setting, Table.kib(row.getLong("heapPer1000EventsBytes")),
          Table.kib(row.getLong("rssPer1000EventsBytes")), Table.kib(row.getLong("heapPer1000ChannelsBytes")),
          Table.kib(row.getLong("rssPer1000ChannelsBytes")), row.getLong("postsFailed"));
      }
    }
    return rows;
  }

  private static long per1000(long bytes, long count) {
    return count > 0 ? bytes * 1000 / count : 0;
  }
}
