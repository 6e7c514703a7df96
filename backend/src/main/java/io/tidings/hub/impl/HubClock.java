package io.tidings.hub.impl;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The time a node stamps on what it publishes: epoch microseconds, strictly increasing across all
 * channels, so that one view of several channels replays a sender's messages in the order they
 * were published even within one millisecond. Across nodes it is only as good as their clocks.
 */
final class HubClock {

  private final AtomicLong last = new AtomicLong();

  long now() {
    long wall = System.currentTimeMillis() * 1000;
    return last.updateAndGet(previous -> Math.max(previous + 1, wall));
  }

  /** The oldest time a history of {@code seconds} still keeps. */
  long oldestKept(int seconds) {
    return System.currentTimeMillis() * 1000 - seconds * 1_000_000L;
  }

  static long micros(int seconds) {
    return seconds * 1_000_000L;
  }
}
