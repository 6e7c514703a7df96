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

  public TidingsMetrics(MeterRegistry registry) {
    Gauge.builder("tidings.streams.open", openStreams, AtomicInteger::get)
      .description("Event streams open on this node").register(registry);
    messagesPosted = Counter.builder("tidings.messages.posted")
      .description("Chat messages accepted by POST /sse/message").register(registry);
    eventsDelivered = Counter.builder("tidings.events.delivered")
      .description("Events written to streams (one per receiving stream)").register(registry);
    slowStreamsClosed = Counter.builder("tidings.streams.slow.closed")
      .description("Streams closed because their reader could not keep up").register(registry);
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
