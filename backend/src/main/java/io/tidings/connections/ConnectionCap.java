package io.tidings.connections;

import io.tidings.metrics.TidingsMetrics;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node-wide count of open HTTP connections against its cap, so that connections past it are
 * refused before the process runs out of file descriptors. One instance per node, shared by every
 * HTTP verticle instance: lock-free.
 */
public final class ConnectionCap {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);

  private final int max;
  private final TidingsMetrics metrics;
  private final AtomicInteger open = new AtomicInteger();
  // one log line when the cap is reached and one when the node is back under it, not one per connection
  private final AtomicBoolean atCap = new AtomicBoolean();

  public ConnectionCap(int max, TidingsMetrics metrics) {
    this.max = max;
    this.metrics = metrics;
    metrics.connectionsOpen(open);
  }

  public int max() {
    return max;
  }

  public int open() {
    return open.get();
  }

  /** Counts a new connection; {@code false} (and nothing counted as open) when the node is at its cap. */
  public boolean tryOpen() {
    if (open.incrementAndGet() <= max) {
      return true;
    }
    open.decrementAndGet();
    metrics.connectionRefused();
    if (atCap.compareAndSet(false, true)) {
      LOG.warn("At the cap of " + max + " open connections: refusing new ones with 429 (--max-connections)");
    }
    return false;
  }

  /** Counts a connection admitted by {@link #tryOpen()} as closed. */
  public void closed() {
    // back under with some room, so a node hovering at the cap does not log on every connection
    if (open.decrementAndGet() < max - Math.max(1, max / 100) && atCap.compareAndSet(true, false)) {
      LOG.info("Back under the cap of " + max + " open connections: accepting new ones again");
    }
  }
}
