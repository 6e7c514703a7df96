package io.tidings.bench;

import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.Opened;
import io.tidings.bench.generator.PostResult;

import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * Connection storm, as after a server restart: N streams open, the server is stopped (its streams
 * end) and a fresh one started on the same port, and then all N reconnect at once, the worst burst
 * of clients retrying. Reported: how long until every stream is back and a broadcast has reached
 * every one of them, counted from the moment the fresh server accepts connections.
 */
final class StormScenario {

  // every wait is bounded: a storm that takes longer than this is reported as incomplete
  private static final long BOUND_NANOS = 60_000_000_000L;

  private final Fleet fleet;
  private final Sender sender;
  private final Progress progress;
  private final int concurrency;

  StormScenario(Fleet fleet, Sender sender, Progress progress, int concurrency) {
    this.fleet = fleet;
    this.sender = sender;
    this.progress = progress;
    this.concurrency = concurrency;
  }

  JsonObject run(Supplier<Target> fresh, int streams) {
    try (Target target = fresh.get()) {
      String uri = target.streamUri(true, true);
      progress.say("storm %s: opening %,d streams", target.name(), streams);
      Opened before = fleet.open(target, uri, streams, concurrency);
      FreePort.sleep(2000);

      progress.say("storm %s: restarting the server under %,d streams", target.name(), before.ok());
      long stop = System.nanoTime();
      target.restart();
      long up = System.nanoTime();
      // the old streams have ended by now (their process is gone); wait for the generators to see it
      int stillOpen = awaitOpen(0);
      fleet.closeStreams(); // releases the ended streams' clients, so their ends are not counted as drops
      fleet.stats(true);

      long reopenStart = System.nanoTime();
      Opened after = fleet.open(target, uri, streams, streams); // every handshake at once
      long reopened = System.nanoTime();
      PostResult sent = new PostResult(0, 0, 0, 0);
      long deadline = reopened + BOUND_NANOS;
      while (sent.ok() == 0 && System.nanoTime() < deadline) {
        // a POST can meet a pooled connection to the old server: then it is sent again
        sent = sender.atRate(target.senderPort(), target.broadcast(Sender.MARKER), 1, 1);
      }
      long received = awaitMessages(after.ok(), deadline);
      long back = System.nanoTime();
      Counts stats = fleet.stats(true);
      fleet.closeStreams();

      boolean complete = after.ok() == before.ok() && received >= after.ok();
      JsonObject row = new JsonObject()
        .put("target", target.name())
        .put("streams", streams)
        .put("openedBefore", before.ok())
        .put("stillOpenAfterStop", stillOpen)
        .put("restartSeconds", seconds(up - stop))
        .put("reopened", after.ok())
        .put("failed", after.failed())
        .put("reconnectSeconds", seconds(reopened - reopenStart))
        .put("delivered", received)
        .put("backSeconds", complete ? seconds(back - reopenStart) : null)
        .put("complete", complete)
        .put("dropped", stats.dropped())
        .put("latency", Latency.toJson(stats.latencyMicros()));
      if (after.firstError() != null) {
        row.put("firstError", after.firstError());
      }
      progress.say("storm %s: restart %.1f s; %,d of %,d reconnected in %.1f s; a broadcast reached %,d of them; "
          + "all back in %s", target.name(), seconds(up - stop), after.ok(), before.ok(), seconds(reopened - reopenStart),
        received, complete ? seconds(back - reopenStart) + " s" : "(incomplete)");
      return row;
    }
  }

  /** Waits (bounded) until the generators hold {@code count} open streams; returns how many they hold. */
  private int awaitOpen(int count) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int open = fleet.stats(false).open();
    while (open != count && System.nanoTime() < deadline) {
      FreePort.sleep(100);
      open = fleet.stats(false).open();
    }
    return open;
  }

  private long awaitMessages(long expected, long deadline) {
    long received = fleet.stats(false).messages();
    while (received < expected && System.nanoTime() < deadline) {
      FreePort.sleep(20);
      received = fleet.stats(false).messages();
    }
    return received;
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }
}
