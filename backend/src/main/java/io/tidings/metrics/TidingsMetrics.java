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

  public TidingsMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("tidings.streams.open", openStreams, AtomicInteger::get)
      .description("Event streams open on this node").register(registry);
    messagesPosted = Counter.builder("tidings.messages.posted")
      .description("Chat messages accepted by POST /sse/message").register(registry);
    eventsDelivered = Counter.builder("tidings.events.delivered")
      .description("Events written to streams (one per receiving stream)").register(registry);
    slowStreamsClosed = Counter.builder("tidings.streams.slow.closed")
      .description("Streams closed because their reader could not keep up").register(registry);
    connectionsRefused = Counter.builder("tidings.connections.refused").tag("reason", "max_connections")
      .description("Connections refused with 429 because the node was at its cap").register(registry);
    streamsRefusedPerUser = streamsRefused(registry, "per_user");
    streamsRefusedPerAddress = streamsRefused(registry, "per_address");
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
