package io.tidings.hub.impl;

import io.tidings.bus.BusEvent;
import io.tidings.config.HistoryOptions;
import io.tidings.history.ChannelLog;
import io.tidings.history.Slice;
import io.tidings.history.StoredEvent;
import io.tidings.hub.Channel;
import io.tidings.hub.Hub;
import io.tidings.hub.Position;
import io.tidings.hub.Stamped;
import io.tidings.metrics.TidingsMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine of a node on its own: every channel's log in this process, lost on restart (a new
 * epoch then tells resuming clients so). User channels beyond the bound go least recently used
 * first; the everyone channel is never evicted.
 *
 * <p>One lock for stamping and fan-out together: events leave for the feeds in sequence order, so
 * on one node a feed never waits for a gap to close.
 */
public final class MemoryHub implements Hub {

  private final EventBus bus;
  private final HubClock clock = new HubClock();
  private final HistoryOptions options;
  private final ChannelLog everyone = new ChannelLog(ChannelLog.newEpoch());
  private final Map<String, ChannelLog> users;

  public MemoryHub(Vertx vertx, HistoryOptions options, TidingsMetrics metrics) {
    this.bus = vertx.eventBus();
    this.options = new HistoryOptions(options);
    int max = options.getMaxChannels();
    this.users = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ChannelLog> eldest) {
        if (size() > max) {
          metrics.historyChannelEvicted();
          return true;
        }
        return false;
      }
    };
  }

  @Override
  public Future<Stamped> publish(Channel channel, BusEvent event) {
    String json = event.toJson().encode();
    Stamped stamped;
    synchronized (this) {
      long now = clock.now();
      ChannelLog log = channel.equals(Channel.EVERYONE) ? everyone
        : users.computeIfAbsent(channel.key(), k -> new ChannelLog(ChannelLog.newEpoch()));
      StoredEvent stored = log.append(now, json, options.getSize(), HubClock.micros(options.getSeconds()));
      stamped = new Stamped(channel, log.epoch(), stored.seq(), now, event);
      bus.publish(channel.address(), stamped.toJson());
    }
    return Future.succeededFuture(stamped);
  }

  @Override
  public void publishTransient(Channel channel, BusEvent event) {
    bus.publish(channel.address(), new Stamped(channel, 0, 0, clock.now(), event).toJson());
  }

  @Override
  public Future<Slice> read(Channel channel, Position after) {
    long oldestKept = clock.oldestKept(options.getSeconds());
    synchronized (this) {
      ChannelLog log = logOf(channel);
      return Future.succeededFuture(log == null ? ChannelLog.absent(after.epoch())
        : log.after(after.epoch(), after.seq(), Integer.MAX_VALUE, oldestKept));
    }
  }

  @Override
  public Future<Slice> latest(Channel channel, int count) {
    long oldestKept = clock.oldestKept(options.getSeconds());
    synchronized (this) {
      ChannelLog log = logOf(channel);
      return Future.succeededFuture(log == null ? Slice.empty() : log.latest(count, oldestKept));
    }
  }

  @Override
  public HistoryOptions options() {
    return options;
  }

  /** How many user channels are kept: for the memory benchmark and tests of the bound. */
  public synchronized int userChannels() {
    return users.size();
  }

  private ChannelLog logOf(Channel channel) {
    // a read counts as use: a user who keeps reconnecting keeps their channel
    return channel.equals(Channel.EVERYONE) ? everyone : users.get(channel.key());
  }
}
