package io.tidings.connections;

import io.tidings.bus.Addresses;
import io.tidings.bus.BusEvent;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.OnlinePage;
import io.tidings.presence.Presence;
import io.tidings.sse.SseEncoder;
import io.tidings.sse.SseStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open streams of one verticle instance, by user, and the bus consumers that feed them:
 * one consumer for everyone, one for presence, and one per user with at least one stream here,
 * registered with the user's first stream and unregistered with the last.
 *
 * <p>Confined to the instance's event loop: no locks. Each event is encoded once and the same
 * bytes are written to every receiving stream.
 */
public final class ConnectionRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);

  private final Vertx vertx;
  private final EventBus bus;
  private final Presence presence;
  private final TidingsMetrics metrics;
  private final RegistryOptions options;
  private final Map<String, UserStreams> byUser = new HashMap<>();
  private final Set<SseStream> all = new LinkedHashSet<>();
  private final List<MessageConsumer<?>> sharedConsumers = new ArrayList<>();
  private long heartbeatTimer = -1;
  private Context context;
  // Streams that closed while a fan-out was iterating; removed right after it.
  private boolean fanningOut;
  private final List<SseStream> closedDuringFanOut = new ArrayList<>();
  // streams with queued events, written once the deliveries already queued on this event loop are done
  private final List<SseStream> unflushed = new ArrayList<>();
  private boolean flushScheduled;

  public ConnectionRegistry(Vertx vertx, Presence presence, TidingsMetrics metrics, RegistryOptions options) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.presence = presence;
    this.metrics = metrics;
    this.options = options;
  }

  /** Registers the broadcast and presence consumers and the heartbeat; call on the instance's context. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    MessageConsumer<JsonObject> broadcast = bus.consumer(Addresses.BROADCAST, m -> deliver(m, all));
    // presence events are computed on every node for its own streams: never from another node
    MessageConsumer<JsonObject> presenceChanges = bus.localConsumer(Addresses.PRESENCE, this::onPresenceChange);
    sharedConsumers.add(broadcast);
    sharedConsumers.add(presenceChanges);
    heartbeatTimer = vertx.setPeriodic(options.heartbeatMillis(), id -> sendToEach(all, SseEncoder.HEARTBEAT, false));
    return Future.all(broadcast.completion(), presenceChanges.completion()).mapEmpty();
  }

  /** Closes every stream and unregisters every consumer of this instance. */
  public Future<Void> stop() {
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
    }
    for (SseStream stream : new ArrayList<>(all)) {
      stream.end();
      remove(stream);
    }
    List<Future<Void>> unregistered = new ArrayList<>();
    sharedConsumers.forEach(c -> unregistered.add(c.unregister()));
    sharedConsumers.clear();
    return Future.join(unregistered).mapEmpty();
  }

  /**
   * Adds an opened stream. Once the user's consumer is registered (so nothing published from
   * then on is missed), the stream gets its {@code welcome} event and, if it wants presence,
   * the snapshot of who is online.
   */
  public void add(SseStream stream) {
    all.add(stream);
    metrics.streamOpened();
    stream.onClose(() -> remove(stream));
    UserStreams user = byUser.get(stream.user());
    if (user == null) {
      user = new UserStreams(bus.consumer(Addresses.user(stream.user())));
      List<SseStream> tabs = user.streams;
      user.consumer.handler(m -> deliver(m, tabs));
      byUser.put(stream.user(), user);
      presence.join(stream.user());
    }
    user.streams.add(stream);
    user.ready()
      .compose(v -> stream.wantsPresence()
        ? presence.online(0, options.snapshotLimit()).map(OnlinePage::toSnapshot)
        : Future.succeededFuture((JsonObject) null))
      .onSuccess(snapshot -> {
        if (stream.isClosed()) {
          return;
        }
        send(stream, SseEncoder.encode(BusEvent.of("welcome", new JsonObject().put("user", stream.user())
          .put("heartbeatMs", options.heartbeatMillis()))));
        if (snapshot != null) {
          send(stream, SseEncoder.encode(BusEvent.of("presence", snapshot)));
        }
        stream.markSubscribed();
      })
      .onFailure(err -> {
        LOG.warn("Could not subscribe stream of " + stream.user() + ": " + err.getMessage());
        stream.end();
      });
  }

  /**
   * Tells every stream to reconnect (an event {@code reconnect}, then the end of the stream): the
   * browsers come back through the load balancer to a node that is not shutting down.
   */
  public void drain() {
    Buffer reconnect = SseEncoder.encode(BusEvent.of("reconnect", new JsonObject().put("reason", "node shutting down")));
    for (SseStream stream : new ArrayList<>(all)) {
      stream.send(reconnect);
      stream.end();
      remove(stream);
    }
  }

  /** Number of streams open in this instance. */
  public int size() {
    return all.size();
  }

  private void remove(SseStream stream) {
    if (fanningOut) {
      closedDuringFanOut.add(stream);
      return;
    }
    if (!all.remove(stream)) {
      return;
    }
    metrics.streamClosed();
    UserStreams user = byUser.get(stream.user());
    if (user != null && user.streams.remove(stream) && user.streams.isEmpty()) {
      byUser.remove(stream.user());
      user.consumer.unregister();
      presence.leave(stream.user());
    }
  }

  private void deliver(Message<JsonObject> message, Collection<SseStream> receivers) {
    Buffer encoded;
    try {
      encoded = SseEncoder.encode(BusEvent.fromJson(message.body()));
    } catch (IllegalArgumentException | ClassCastException e) {
      LOG.warn("Dropped a malformed event on " + message.address() + ": " + e.getMessage());
      return;
    }
    metrics.eventsDelivered(sendToEach(receivers, encoded, false));
  }

  private void onPresenceChange(Message<JsonObject> message) {
    Buffer encoded = SseEncoder.encode(BusEvent.of("presence", message.body()));
    metrics.eventsDelivered(sendToEach(all, encoded, true));
  }

  private int sendToEach(Iterable<SseStream> streams, Buffer encoded, boolean presenceListenersOnly) {
    int sent = 0;
    fanningOut = true;
    try {
      for (SseStream stream : streams) {
        // until its welcome, a stream gets nothing: its first event is always the welcome
        if (stream.isSubscribed() && (!presenceListenersOnly || stream.wantsPresence()) && send(stream, encoded)) {
          sent++;
        }
      }
    } finally {
      fanningOut = false;
    }
    if (!closedDuringFanOut.isEmpty()) {
      List<SseStream> closed = List.copyOf(closedDuringFanOut);
      closedDuringFanOut.clear();
      closed.forEach(this::remove);
    }
    return sent;
  }

  private boolean send(SseStream stream, Buffer encoded) {
    boolean queuedBefore = stream.hasPending();
    if (!stream.send(encoded)) {
      metrics.slowStreamClosed();
      return false;
    }
    if (!queuedBefore && stream.hasPending()) {
      unflushed.add(stream);
      if (!flushScheduled) {
        flushScheduled = true;
        // runs after the tasks already queued: a burst of deliveries becomes one write per stream
        context.runOnContext(v -> flushAll());
      }
    }
    return true;
  }

  private void flushAll() {
    flushScheduled = false;
    for (SseStream stream : unflushed) {
      stream.flush();
    }
    unflushed.clear();
  }
}
