package io.tidings.hub;

import com.hazelcast.core.HazelcastInstance;
import io.tidings.bus.BusEvent;
import io.tidings.config.HistoryOptions;
import io.tidings.history.Slice;
import io.tidings.hub.impl.GridHub;
import io.tidings.hub.impl.MemoryHub;
import io.tidings.metrics.TidingsMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The seam every user-visible event passes through. Publishing stamps the event with its place
 * in its channel and keeps it in the channel's history, then fans it out on the bus to every
 * node's feed of the channel; reading returns what the history keeps, for resume and gap repair.
 *
 * <p>Two engines, chosen once at start-up: in memory for a node on its own, and in the cluster
 * manager's data grid (a Hazelcast map with a synchronous backup) for a cluster, so that any node
 * can resume any stream and the loss of one member loses nothing. The subscribing side,
 * {@link Feeds}, is the same for both.
 */
public interface Hub {

  /** Stamps, keeps and fans out; completes with the stamp once the event is kept (and backed up). */
  Future<Stamped> publish(Channel channel, BusEvent event);

  /** Fans out a live-only event: no place in the order, no history, no SSE id (status pings and the like). */
  void publishTransient(Channel channel, BusEvent event);

  /** Kept events after a position, oldest first, and whether any the reader asked for are gone. */
  Future<Slice> read(Channel channel, Position after);

  /** The last {@code count} kept events of a channel, oldest first; with 0, just where the channel stands. */
  Future<Slice> latest(Channel channel, int count);

  HistoryOptions options();

  static Hub memory(Vertx vertx, HistoryOptions options, TidingsMetrics metrics) {
    return new MemoryHub(vertx, options, metrics);
  }

  /** The data-grid engine; its map is configured by {@link GridHub#mapConfig(HistoryOptions)}. */
  static Hub grid(Vertx vertx, HazelcastInstance hazelcast, HistoryOptions options) {
    return new GridHub(vertx, hazelcast, options);
  }
}
