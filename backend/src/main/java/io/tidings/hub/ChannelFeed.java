package io.tidings.hub;

import io.tidings.history.Gap;
import io.tidings.history.Slice;
import io.tidings.history.StoredEvent;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.sse.SseEncoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One channel as one verticle instance receives it: a bus consumer of the channel's fan-out, put
 * back into the channel's order and handed to the instance's {@link Subscription}s of it.
 *
 * <p>Publishers on different event loops or nodes may reach the bus out of order. Events are
 * delivered strictly by sequence: an early one waits; a gap that lasts {@link #GAP_MILLIS} (its
 * publisher died between keeping and fanning out, or a bus connection dropped it) is filled from
 * the history. Each event is encoded once here for all the instance's streams of the channel.
 * Confined to the instance's event loop.
 */
public final class ChannelFeed {

  /** How long an out-of-order event waits for the ones before it before they are read from the history. */
  public static final long GAP_MILLIS = 250;

  /** Repairs that found nothing to fill a gap with before the feed gives up on it. */
  static final int MAX_FRUITLESS_REPAIRS = 4;

  private static final Logger LOG = LoggerFactory.getLogger(ChannelFeed.class);

  private final Channel channel;
  private final Vertx vertx;
  private final Hub hub;
  private final TidingsMetrics metrics;
  private final MessageConsumer<JsonObject> consumer;
  private final Future<Void> ready;
  private final List<Subscription> followers = new ArrayList<>();
  // followers that left while an event was being handed out; removed right after
  private boolean dispatching;
  private final List<Subscription> leftDuringDispatch = new ArrayList<>();
  private boolean initialized;
  private final List<Stamped> beforeInit = new ArrayList<>();
  private long epoch;
  private long delivered;
  private final TreeMap<Long, Stamped> early = new TreeMap<>();
  private long repairTimer = -1;
  private int fruitlessRepairs;
  private boolean repairing;
  private boolean closed;
  int holders;

  /**
   * @param readNow whether to learn where the channel stands now; otherwise the first
   *                subscription's read of the history tells it ({@link #initialize(Slice)}), which
   *                spares a round trip per user in a storm of new users
   */
  ChannelFeed(Channel channel, Vertx vertx, Hub hub, TidingsMetrics metrics, boolean readNow) {
    this.channel = channel;
    this.vertx = vertx;
    this.hub = hub;
    this.metrics = metrics;
    this.consumer = vertx.eventBus().consumer(channel.address(), message -> onMessage(message.body()));
    // registered first, then where the channel stands: anything kept after that arrives here
    this.ready = readNow
      ? consumer.completion().compose(v -> hub.latest(channel, 0)).map(slice -> {
        initialize(slice);
        return null;
      })
      : consumer.completion();
  }

  public Channel channel() {
    return channel;
  }

  /** Completes once every event kept from now on will reach this feed's followers. */
  Future<Void> ready() {
    return ready;
  }

  void follow(Subscription subscription) {
    followers.add(subscription);
  }

  void unfollow(Subscription subscription) {
    if (dispatching) {
      leftDuringDispatch.add(subscription);
    } else {
      followers.remove(subscription);
    }
  }

  Future<Void> close() {
    closed = true;
    if (repairTimer >= 0) {
      vertx.cancelTimer(repairTimer);
    }
    return consumer.unregister();
  }

  /**
   * Where the channel stood at a read made after this feed's consumer was registered: what was kept
   * up to there the readers have from the history, what comes after arrives here. Only the first counts.
   */
  void initialize(Slice slice) {
    if (initialized) {
      return;
    }
    initialized = true;
    epoch = slice.epoch();
    delivered = slice.lastSeq();
    List<Stamped> arrived = List.copyOf(beforeInit);
    beforeInit.clear();
    arrived.forEach(this::accept);
  }

  private void onMessage(JsonObject body) {
    Stamped stamped;
    try {
      stamped = Stamped.fromJson(body);
    } catch (IllegalArgumentException e) {
      LOG.warn("Dropped a malformed event on " + channel.address() + ": " + e.getMessage());
      return;
    }
    if (stamped.isTransient()) {
      dispatch(SseEncoder.encode(stamped.event()), null);
    } else if (!initialized) {
      beforeInit.add(stamped);
    } else {
      accept(stamped);
    }
  }

  private void accept(Stamped stamped) {
    if (stamped.epoch() != epoch) {
      // the channel began again (evicted, or the first event of a new channel): a new order
      epoch = stamped.epoch();
      delivered = 0;
      early.clear();
    }
    if (stamped.seq() <= delivered) {
      return;
    }
    if (stamped.seq() == delivered + 1) {
      deliver(stamped);
      drainEarly();
    } else {
      early.put(stamped.seq(), stamped);
      scheduleRepair();
    }
  }

  private void drainEarly() {
    while (!early.isEmpty() && early.firstKey() <= delivered + 1) {
      Stamped next = early.pollFirstEntry().getValue();
      if (next.seq() == delivered + 1) {
        deliver(next);
      }
    }
  }

  private void deliver(Stamped stamped) {
    delivered = stamped.seq();
    dispatch(SseEncoder.encodeWithoutEnd(stamped.event()), stamped);
  }

  private void dispatch(Buffer encoded, Stamped stamped) {
    int sent = 0;
    dispatching = true;
    try {
      for (Subscription follower : followers) {
        if (stamped == null ? follower.offerTransient(encoded) : follower.offer(this, stamped, encoded)) {
          sent++;
        }
      }
    } finally {
      dispatching = false;
    }
    if (!leftDuringDispatch.isEmpty()) {
      followers.removeAll(leftDuringDispatch);
      leftDuringDispatch.clear();
    }
    metrics.eventsDelivered(sent);
  }

  private void scheduleRepair() {
    if (repairTimer < 0 && !repairing && !closed) {
      repairTimer = vertx.setTimer(GAP_MILLIS, id -> {
        repairTimer = -1;
        repair();
      });
    }
  }

  /** Reads what the gap is missing from the history; what the history no longer has is reported as missed. */
  private void repair() {
    if (early.isEmpty() || closed) {
      return;
    }
    repairing = true;
    long repairEpoch = epoch;
    hub.read(channel, new Position(epoch, delivered)).onComplete(read -> {
      repairing = false;
      if (closed) {
        return;
      }
      if (read.failed()) {
        LOG.warn("Could not read the history of " + channel.key() + " to fill a gap: " + read.cause().getMessage());
        scheduleRepair();
        return;
      }
      Slice slice = read.result();
      if (slice.epoch() == repairEpoch && repairEpoch == epoch) {
        metrics.feedGapRepaired();
        for (StoredEvent stored : slice.events()) {
          if (stored.seq() <= delivered) {
            continue;
          }
          if (stored.seq() > delivered + 1) {
            missedByAll(Gap.EXPIRED);
          }
          deliver(Stamped.fromStored(channel, slice.epoch(), stored));
        }
        if (!early.isEmpty() && early.firstKey() > delivered + 1
          && (early.firstKey() <= slice.lastSeq() + 1 || ++fruitlessRepairs >= MAX_FRUITLESS_REPAIRS)) {
          // the history never had, or no longer has, what came between: say so and go on, rather
          // than hold the channel back for good
          missedByAll(Gap.EXPIRED);
          delivered = early.firstKey() - 1;
          fruitlessRepairs = 0;
        }
        drainEarly();
      }
      if (!early.isEmpty()) {
        scheduleRepair();
      }
    });
  }

  private void missedByAll(Gap gap) {
    for (Subscription follower : List.copyOf(followers)) {
      follower.missed(gap);
    }
  }
}
