package io.tidings.bench;

import io.tidings.bench.generator.Catchup;
import io.tidings.bench.generator.Counts;
import io.tidings.bench.generator.Opened;
import io.tidings.bench.generator.PostResult;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Resume storm: N streams receive broadcasts, each keeping its last event id as an EventSource
 * does; then every stream is cut off while broadcasts go on being posted, and all N reconnect at
 * once with {@code Last-Event-ID}. Reported: how long until every stream holds every message
 * posted (live, and while it was away), and whether each arrived exactly once; then one more
 * broadcast, which must reach every resumed stream once.
 *
 * <p>Two ways of being cut off:
 * <ul>
 *   <li><b>dropped</b>: the client side closes every stream (a network path failing, a proxy
 *   restarting) and the server keeps running; the streams resume on it. Run on one Tidings node
 *   and on Nchan (from its message buffer), the same way.</li>
 *   <li><b>drained</b>: a two-node Tidings cluster, streams on node B and POSTs to node A; node B is
 *   sent SIGTERM (it drains: {@code event: reconnect}, the streams end, the process exits) and the
 *   streams resume on node A from the history the cluster keeps. A single node that restarts has
 *   lost its history, so there the only honest answer is {@code missed}: not measured.</li>
 * </ul>
 */
final class ResumeScenario {

  // every wait is bounded: a resume that takes longer is reported as incomplete
  private static final long BOUND_NANOS = 60_000_000_000L;

  private final Fleet fleet;
  private final Sender sender;
  private final Progress progress;
  private final int concurrency;
  private final double rate;
  private final double settleSeconds;
  private final double liveSeconds;
  private final double awaySeconds;

  ResumeScenario(Fleet fleet, Sender sender, Progress progress, int concurrency, double rate, double settleSeconds,
                 double liveSeconds, double awaySeconds) {
    this.settleSeconds = settleSeconds;
    this.fleet = fleet;
    this.sender = sender;
    this.progress = progress;
    this.concurrency = concurrency;
    this.rate = rate;
    this.liveSeconds = liveSeconds;
    this.awaySeconds = awaySeconds;
  }

  /** The client drops every stream; they resume on the same running server. */
  JsonObject dropped(Supplier<Target> fresh, int streams) {
    try (Target target = fresh.get()) {
      return run(target, streams, "dropped", fleet::dropStreams, target.port(), target::cpuSeconds);
    }
  }

  /** The streams' node of a two-node cluster drains; they resume on the other node. */
  JsonObject drained(Supplier<TidingsTarget> fresh, int streams) {
    try (TidingsTarget target = fresh.get()) {
      TidingsNode streamsNode = target.nodes().get(target.nodes().size() - 1);
      TidingsNode survivor = target.nodes().get(0);
      // the drained node's CPU leaves the sum when it exits: the resume's is the survivor's
      return run(target, streams, "drained", streamsNode::terminate, survivor.port(), survivor::cpuSeconds);
    }
  }

  private JsonObject run(Target target, int streams, String mode, Runnable cut, int resumePort,
                         DoubleSupplier resumeServerCpu) {
    String uri = target.streamUri(true, true);
    Target.Post broadcast = target.broadcast(Sender.MARKER);
    progress.say("resume %s (%s): opening %,d streams", target.name(), mode, streams);
    Opened before = fleet.openTracked(target.port(), uri, streams, concurrency, false);
    long openedAt = System.nanoTime();
    // a stream is owed the messages posted after its welcome (its starting id), not after its head
    Catchup welcomed = target.welcomesWithId() ? awaitWelcomed(before.ok(), openedAt + BOUND_NANOS) : null;
    long welcomedAt = System.nanoTime();
    FreePort.sleep((long) (settleSeconds * 1000));
    fleet.stats(true);

    // live: every stream's last id moves along with the messages
    PostResult live = sender.atRate(target.senderPort(), broadcast, rate, liveSeconds);
    Catchup liveCatchup = awaitCaughtUp(live.ok(), before.ok(), System.nanoTime() + BOUND_NANOS);
    progress.say("resume %s (%s): %s%,d broadcasts live, %,d of %,d streams hold them all; cutting the streams off",
      target.name(), mode, welcomed == null ? "" : String.format("%,d welcomed %.1f s after the last head; ",
        welcomed.withId(), seconds(welcomedAt - openedAt)), live.ok(), liveCatchup.caughtUp(), before.ok());

    // away: posted from the moment of the cut, while the streams end and stay away
    long cutAt = System.nanoTime();
    CompletableFuture<PostResult> awayPosts = CompletableFuture.supplyAsync(
      () -> sender.atRate(target.senderPort(), broadcast, rate, awaySeconds));
    cut.run();
    int stillOpen = awaitOpen(0, cutAt + BOUND_NANOS);
    long endedAt = System.nanoTime();
    PostResult away = awayPosts.join();
    Counts cutStats = fleet.stats(true);
    long expected = live.ok() + away.ok();

    // all at once, each from its own last id
    progress.say("resume %s (%s): %,d posted while away; %,d streams resume at once", target.name(), mode,
      away.ok(), before.ok());
    CpuUse cpu = CpuUse.start(resumeServerCpu, fleet);
    long reopenStart = System.nanoTime();
    Opened after = fleet.openTracked(resumePort, uri, streams, streams, true);
    long reopened = System.nanoTime();
    long deadline = reopenStart + BOUND_NANOS;
    Catchup caught = awaitCaughtUp(expected, before.ok(), deadline);
    long caughtUpAt = System.nanoTime();
    JsonObject cpuUse = cpu.stop();
    Counts replayStats = fleet.stats(true);
    boolean caughtUp = caught.caughtUp() == before.ok() && caught.tracked() == before.ok();

    // one more, live after the resume: it must reach every stream once
    PostResult probe = new PostResult(0, 0, 0, 0);
    long probeDeadline = System.nanoTime() + 10_000_000_000L;
    while (probe.ok() == 0 && System.nanoTime() < probeDeadline) {
      probe = sender.atRate(resumePort, broadcast, 1, 1);
    }
    long probeCopies = awaitMessages(after.ok() * probe.ok(), probeDeadline);
    Catchup last = fleet.catchup(expected + probe.ok());
    Counts probeStats = fleet.stats(true);
    fleet.closeStreams();

    boolean complete = caughtUp && last.caughtUp() == before.ok() && last.duplicates() == 0 && last.missed() == 0
      && live.failed() == 0 && away.failed() == 0;
    JsonObject row = new JsonObject()
      .put("target", target.name())
      .put("mode", mode)
      .put("streams", streams)
      .put("openedBefore", before.ok())
      .put("ratePerSecond", rate)
      .put("postedLive", live.ok())
      .put("postedAway", away.ok())
      .put("postsFailed", live.failed() + away.failed() + probe.failed())
      .put("welcomed", welcomed == null ? null : welcomed.withId())
      .put("welcomeAfterOpenSeconds", welcomed == null ? null : seconds(welcomedAt - openedAt))
      .put("liveCaughtUp", liveCatchup.caughtUp())
      .put("liveFewestHeld", liveCatchup.fewest())
      .put("reconnectEvents", cutStats.reconnects())
      .put("stillOpenAfterCut", stillOpen)
      .put("cutToEndedSeconds", seconds(endedAt - cutAt))
      .put("reopened", after.ok())
      .put("failed", after.failed())
      .put("reconnectSeconds", seconds(reopened - reopenStart))
      .put("caughtUpStreams", caught.caughtUp())
      .put("caughtUpSeconds", caughtUp ? seconds(caughtUpAt - reopenStart) : null)
      .put("replayedMessages", replayStats.messages())
      .put("fewestHeld", caught.fewest())
      .put("mostHeld", caught.most())
      .put("expectedEach", expected)
      .put("probeCopies", probeCopies)
      .put("probeReached", last.caughtUp())
      .put("probeLatency", Latency.toJson(probeStats.latencyMicros()))
      .put("duplicates", last.duplicates())
      .put("missed", last.missed())
      .put("complete", complete)
      .put("cpuCores", cpuUse);
    if (after.firstError() != null) {
      row.put("firstError", after.firstError());
    }
    progress.say("resume %s (%s): %,d of %,d reconnected in %.1f s; %,d hold all %,d messages after %s; "
        + "%,d duplicates, %,d missed events; the next broadcast: %,d copies, %,d streams now hold everything; "
        + "CPU cores: server %s, generators %s",
      target.name(), mode, after.ok(), before.ok(), seconds(reopened - reopenStart), caught.caughtUp(), expected,
      caughtUp ? seconds(caughtUpAt - reopenStart) + " s" : "(incomplete)", last.duplicates(), last.missed(),
      probeCopies, last.caughtUp(), cpuUse.getValue("server"), cpuUse.getValue("generators"));
    return row;
  }

  /** Waits (bounded) until {@code streams} tracked streams have had an event with an id (their welcome). */
  private Catchup awaitWelcomed(int streams, long deadline) {
    Catchup c = fleet.catchup(0);
    while (c.withId() < streams && System.nanoTime() < deadline) {
      FreePort.sleep(50);
      c = fleet.catchup(0);
    }
    return c;
  }

  /** Waits (bounded) until {@code streams} tracked streams hold {@code expected} messages each. */
  private Catchup awaitCaughtUp(long expected, int streams, long deadline) {
    Catchup c = fleet.catchup(expected);
    while (c.caughtUp() < streams && System.nanoTime() < deadline) {
      FreePort.sleep(20);
      c = fleet.catchup(expected);
    }
    return c;
  }

  /** Waits (bounded) until the streams have received {@code count} messages since the last reset; returns how many. */
  private long awaitMessages(long count, long deadline) {
    long received = fleet.stats(false).messages();
    while (received < count && System.nanoTime() < deadline) {
      FreePort.sleep(20);
      received = fleet.stats(false).messages();
    }
    return received;
  }

  /** Waits (bounded) until the generators hold {@code count} open streams; returns how many they hold. */
  private int awaitOpen(int count, long deadline) {
    int open = fleet.stats(false).open();
    while (open != count && System.nanoTime() < deadline) {
      FreePort.sleep(20);
      open = fleet.stats(false).open();
    }
    return open;
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }
}
