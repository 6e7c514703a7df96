package io.tidings.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/** Tidings' own meters, beside the JVM's and Vert.x's in the same registry (served at /metrics). */
public final class TidingsMetrics {

  private final AtomicInteger openStreams = new AtomicInteger();
  private final Counter messagesPosted;
  private final Counter eventsDelivered;
  private final Counter slowStreamsClosed;
  private final MeterRegistry registry;
  // registered up front, so a dashboard sees 0 rather than no series; the reason tag takes fixed words only
  private final Counter connectionsRefused;
  private final Counter streamsRefusedPerUser;
  private final Counter streamsRefusedPerAddress;
  private final Counter resumedComplete;
  private final Counter resumedMissed;
  private final Counter eventsReplayed;
  private final Counter feedGapsRepaired;
  private final Counter historyChannelsEvicted;

  public TidingsMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("tidings.streams.open", openStreams, AtomicInteger::get)
      .description("Event streams open on this node").register(registry);
    messagesPosted = Counter.builder("tidings.messages.posted")
      .description("Chat messages accepted by POST /sse/message").register(registry);
    eventsDelivered = Counter.builder("tidings.events.delivered")
      .description("Events written to streams (one per receiving stream)").register(registry);
    slowStreamsClosed = Counter.builder("tidings.streams.slow.closed")
      .description("Streams told to reconnect and closed because their reader fell behind its queue bound").register(registry);
    connectionsRefused = Counter.builder("tidings.connections.refused").tag("reason", "max_connections")
      .description("Connections refused with 429 because the node was at its cap").register(registry);
    streamsRefusedPerUser = streamsRefused(registry, "per_user");
    streamsRefusedPerAddress = streamsRefused(registry, "per_address");
    resumedComplete = resumed(registry, "complete");
    resumedMissed = resumed(registry, "missed");
    eventsReplayed = Counter.builder("tidings.events.replayed")
      .description("Kept events written to streams from the history (resume, ?history=N)").register(registry);
    feedGapsRepaired = Counter.builder("tidings.feed.gaps.repaired")
      .description("Times a feed read the history because events of a channel came out of order or not at all")
      .register(registry);
    historyChannelsEvicted = Counter.builder("tidings.history.channels.evicted")
      .description("User channels dropped from a single node's history at --max-history-channels").register(registry);
  }

  private static Counter resumed(MeterRegistry registry, String outcome) {
    return Counter.builder("tidings.streams.resumed").tag("outcome", outcome)
      .description("Streams opened with a last event id: everything after it replayed, or a missed event first")
      .register(registry);
  }

  public void streamResumed(boolean complete) {
    (complete ? resumedComplete : resumedMissed).increment();
  }

  public void eventsReplayed(int count) {
    if (count > 0) {
      eventsReplayed.increment(count);
    }
  }

  public void feedGapRepaired() {
    feedGapsRepaired.increment();
  }

  public void historyChannelEvicted() {
    historyChannelsEvicted.increment();
  }

  /** The node's count of open connections, shared by every HTTP instance. */
  public void connectionsOpen(AtomicInteger open) {
    Gauge.builder("tidings.connections.open", open, AtomicInteger::get)
      .description("HTTP connections open on this node").register(registry);
  }

  public void connectionRefused() {
    connectionsRefused.increment();
  }

  public void streamRefusedPerUser() {
    streamsRefusedPerUser.increment();
  }

  public void streamRefusedPerAddress() {
    streamsRefusedPerAddress.increment();
  }

  private static Counter streamsRefused(MeterRegistry registry, String reason) {
    return Counter.builder("tidings.streams.refused").tag("reason", reason)
      .description("Streams refused with 429 because a per-user or per-address cap was reached").register(registry);
  }

  public int openStreams() {
    return openStreams.get();
  }

  public void streamOpened() {
    openStreams.incrementAndGet();
  }

  public void streamClosed() {
    openStreams.decrementAndGet();
  }

  public void messagePosted() {
    messagesPosted.increment();
  }

  /** Called once per fan-out with the count, not once per connection. */
  public void eventsDelivered(int count) {
    if (count > 0) {
      eventsDelivered.increment(count);
    }
  }

  public void slowStreamClosed() {
    slowStreamsClosed.increment();
  }
}
