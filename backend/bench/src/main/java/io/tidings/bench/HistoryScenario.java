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

  /** The names the results give the two settings. */
  static final String KEPT = "kept";
  static final String OFF = "off";
  /** The server flags of each: the defaults, and no event kept. */
  static final List<String> KEPT_FLAGS = List.of();
  static final List<String> OFF_FLAGS = List.of("--history-size", "0");

  // the memory steps post at this rate: one generator process keeps it evenly
  private static final double MEMORY_RATE = 4_000;
  // kept events are spread over this many users, so that none holds more than the default 1,000
  // (20,000 at random over 40: about 500 each, give or take 25) and their channels weigh little
  static final int EVENT_CHANNELS = 40;

  private final Fleet fleet;
  private final Sender sender;
  private final Progress progress;
  private final Path jar;
  private final List<String> javaOptions;
  private final Path log;
  private final List<String> keptFlags;
  private final List<String> offFlags;

  HistoryScenario(Fleet fleet, Sender sender, Progress progress, Path jar, List<String> javaOptions, Path log,
                  List<String> keptFlags, List<String> offFlags) {
    this.keptFlags = keptFlags;
    this.offFlags = offFlags;
    this.fleet = fleet;
    this.sender = sender;
    this.progress = progress;
    this.jar = jar;
    this.javaOptions = javaOptions;
    this.log = log;
  }

  private TidingsTarget start(String setting) {
    return TidingsTarget.start(jar, javaOptions, log, setting.equals(KEPT) ? keptFlags : offFlags);
  }

  /**
   * Broadcast rows for both settings, each tagged with {@code history} and {@code repeat}: each
   * repeat runs the pair again, in the other order (kept first, then off first), so that neither
   * setting always runs second on a warmer machine, and the noise shows in the spread.
   */
  JsonArray broadcast(BroadcastScenario broadcast, List<Integer> streamCounts, List<Double> rates, int repeats) {
    JsonArray rows = new JsonArray();
    for (int n : streamCounts) {
      for (int r = 1; r <= repeats; r++) {
        for (String setting : order(r)) {
          JsonArray some = broadcast.run(() -> start(setting), n, rates, true);
          for (JsonObject row : Table.objects(some)) {
            rows.add(row.put("history", setting).put("repeat", r));
          }
        }
      }
    }
    return rows;
  }

  /** Direct rows for both settings, each tagged with {@code history} and {@code repeat}. */
  JsonArray direct(DirectScenario direct, int users, int inFlight, double seconds, double warmupSeconds, int repeats) {
    JsonArray rows = new JsonArray();
    for (int r = 1; r <= repeats; r++) {
      for (String setting : order(r)) {
        rows.add(direct.run(() -> start(setting), users, inFlight, seconds, warmupSeconds).put("history", setting)
          .put("repeat", r));
      }
    }
    return rows;
  }

  private static List<String> order(int repeat) {
    return repeat % 2 == 1 ? List.of(KEPT, OFF) : List.of(OFF, KEPT);
  }

  /**
   * On a fresh node of each setting, no stream open: the live heap (after a full GC) and resident
   * memory before, after {@code events} direct messages to {@link #EVENT_CHANNELS} users nobody is
   * (the events kept), and after one direct message to each of {@code channels} more such users
   * (each a channel with one event).
   */
  JsonArray memory(int events, int channels) {
    JsonArray rows = new JsonArray();
    for (String setting : List.of(KEPT, OFF)) {
      try (TidingsTarget target = start(setting)) {
        progress.say("history memory (%s): %,d direct messages to %d new users, then one to each of %,d more", setting,
          events, EVENT_CHANNELS, channels);
        FreePort.sleep(2000);
        long heap0 = target.liveHeapBytes();
        long rss0 = target.residentBytes();
        Target.Post toFewUsers = new Target.Post("/sse/message", "application/json",
          "{\"user\":\"benchsender\",\"to\":\"h" + Sender.RECIPIENT + "\",\"message\":\"" + Sender.MARKER + "\"}");
        PostResult kept = sender.atRate(target.senderPort(), toFewUsers, EVENT_CHANNELS, Math.min(MEMORY_RATE, events),
          events / Math.min(MEMORY_RATE, events));
        FreePort.sleep(1000);
        long heap1 = target.liveHeapBytes();
        long rss1 = target.residentBytes();
        Target.Post toNewUser = new Target.Post("/sse/message", "application/json",
          "{\"user\":\"benchsender\",\"to\":\"m" + Sender.SEQUENCE + "\",\"message\":\"" + Sender.MARKER + "\"}");
        PostResult users = sender.atRate(target.senderPort(), toNewUser, 0, MEMORY_RATE, channels / MEMORY_RATE);
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

  /**
   * The same steps on a fresh Nchan that keeps {@code bufferLength} messages per channel: its
   * proportional set size (master and workers; see {@link NchanTarget#proportionalBytes}) before,
   * after {@code events} messages to {@link #EVENT_CHANNELS} channels, and after one message to
   * each of {@code channels} more channels. Nchan has no heap to read.
   */
  JsonObject memoryNchan(int workers, int bufferLength, int events, int channels) {
    try (NchanTarget target = NchanTarget.start(workers, bufferLength, log)) {
      progress.say("history memory (nchan): %,d messages over %d channels, then %,d to distinct new channels", events,
        EVENT_CHANNELS, channels);
      FreePort.sleep(2000);
      long pss0 = target.proportionalBytes();
      Target.Post toFewChannels = new Target.Post("/pub/h" + Sender.RECIPIENT, "text/plain", Sender.MARKER);
      PostResult kept = sender.atRate(target.senderPort(), toFewChannels, EVENT_CHANNELS, Math.min(MEMORY_RATE, events),
        events / Math.min(MEMORY_RATE, events));
      FreePort.sleep(1000);
      long pss1 = target.proportionalBytes();
      Target.Post toNewChannel = new Target.Post("/pub/m" + Sender.SEQUENCE, "text/plain", Sender.MARKER);
      PostResult users = sender.atRate(target.senderPort(), toNewChannel, 0, MEMORY_RATE, channels / MEMORY_RATE);
      FreePort.sleep(1000);
      long pss2 = target.proportionalBytes();
      JsonObject row = new JsonObject()
        .put("history", "nchan")
        .put("bufferLength", bufferLength)
        .put("events", kept.ok())
        .put("channels", users.ok())
        .put("postsFailed", kept.failed() + users.failed())
        .put("pssBytes", new JsonArray(List.of(pss0, pss1, pss2)))
        .put("pssPer1000EventsBytes", per1000(pss1 - pss0, kept.ok()))
        .put("pssPer1000ChannelsBytes", per1000(pss2 - pss1, users.ok()));
      progress.say("history memory (nchan): per 1,000 kept messages %s, per 1,000 channels %s (proportional set size); "
          + "%,d POSTs failed", Table.kib(row.getLong("pssPer1000EventsBytes")),
        Table.kib(row.getLong("pssPer1000ChannelsBytes")), row.getLong("postsFailed"));
      return row;
    }
  }

  private static long per1000(long bytes, long count) {
    return count > 0 ? bytes * 1000 / count : 0;
  }
}
