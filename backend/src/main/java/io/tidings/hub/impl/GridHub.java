package io.tidings.hub.impl;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.tidings.bus.BusEvent;
import io.tidings.config.HistoryOptions;
import io.tidings.history.ChannelLog;
import io.tidings.history.Slice;
import io.tidings.hub.Channel;
import io.tidings.hub.Hub;
import io.tidings.hub.Position;
import io.tidings.hub.Stamped;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

/**
 * The cluster's engine: one {@link ChannelLog} per channel in a Hazelcast map, changed only by
 * entry processors that run on the member owning the channel's partition, so stamping is atomic
 * cluster-wide and a synchronous backup holds every event before the publisher is answered.
 *
 * <p>Why a map of logs and not a Ringbuffer per channel: user channels must be bounded in number
 * and expire when idle, which a map does (LRU eviction per member, max-idle) and a Ringbuffer
 * cannot (it is only ever destroyed by hand); and a channel created again must be told apart from
 * its previous incarnation (the epoch kept in the log), where a new Ringbuffer silently restarts
 * its sequences at 0. OBJECT format keeps the logs deserialized, so an append does not copy the
 * whole log: only the event travels, to the owner and to the backup.
 *
 * <p>Feeds may receive events of one channel from different publishers out of order: they
 * reorder by sequence and repair a gap from here ({@link io.tidings.hub.ChannelFeed}).
 */
public final class GridHub implements Hub {

  public static final String MAP = "tidings.history";

  private final Vertx vertx;
  private final EventBus bus;
  private final HubClock clock = new HubClock();
  private final HistoryOptions options;
  private final IMap<String, ChannelLog> logs;

  public GridHub(Vertx vertx, HazelcastInstance hazelcast, HistoryOptions options) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.options = new HistoryOptions(options);
    this.logs = hazelcast.getMap(MAP);
  }

  /** The history map's configuration; added to the node's Hazelcast configuration unless the operator's has one. */
  public static MapConfig mapConfig(HistoryOptions options) {
    return new MapConfig(MAP)
      .setInMemoryFormat(InMemoryFormat.OBJECT)
      .setBackupCount(1)
      .setAsyncBackupCount(0)
      .setMaxIdleSeconds(options.getSeconds())
      .setEvictionConfig(new EvictionConfig()
        .setEvictionPolicy(EvictionPolicy.LRU)
        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
        .setSize(options.getMaxChannels()));
  }

  @Override
  public Future<Stamped> publish(Channel channel, BusEvent event) {
    long now = clock.now();
    Append append = new Append(now, event.toJson().encode(), ChannelLog.newEpoch(), options.getSize(),
      HubClock.micros(options.getSeconds()));
    return Future.fromCompletionStage(logs.submitToKey(channel.key(), append), vertx.getOrCreateContext())
      .map(stamp -> {
        Stamped stamped = new Stamped(channel, stamp[0], stamp[1], now, event);
        bus.publish(channel.address(), stamped.toJson());
        return stamped;
      });
  }

  @Override
  public void publishTransient(Channel channel, BusEvent event) {
    bus.publish(channel.address(), new Stamped(channel, 0, 0, clock.now(), event).toJson());
  }

  @Override
  public Future<Slice> read(Channel channel, Position after) {
    return run(channel, Read.after(after, oldestKept()));
  }

  @Override
  public Future<Slice> latest(Channel channel, int count) {
    return run(channel, Read.latest(count, oldestKept()));
  }

  @Override
  public HistoryOptions options() {
    return options;
  }

  private Future<Slice> run(Channel channel, Read read) {
    return Future.fromCompletionStage(logs.submitToKey(channel.key(), read), vertx.getOrCreateContext());
  }

  private long oldestKept() {
    return clock.oldestKept(options.getSeconds());
  }
}
