package io.tidings.connections;

import io.tidings.bus.Addresses;
import io.tidings.bus.BusEvent;
import io.tidings.hub.Feeds;
import io.tidings.hub.StartPoint;
import io.tidings.hub.Subscription;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.tidings.sse.SseEncoder;
import io.tidings.sse.SseStream;
import io.tidings.sse.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open streams of one verticle instance: who holds them (for presence), their heartbeats and
 * presence events, and their end at a drain. What they receive, and from where they resume, is
 * their {@link Subscription}'s business. Confined to the instance's event loop: no locks.
 */
public final class ConnectionRegistry {

  private final Vertx vertx;
  private final Presence presence;
  private final TidingsMetrics metrics;
  private final RegistryOptions options;
  private final StreamWriter writer;
  private final Feeds feeds;
  private final Map<SseStream, Subscription> all = new LinkedHashMap<>();
  private final Map<String, Integer> streamsByUser = new HashMap<>();
  private MessageConsumer<JsonObject> presenceChanges;
  private MessageConsumer<JsonObject> sessionsEnded;
  private long heartbeatTimer = -1;
  // streams that closed while a loop over them was writing; removed right after it
  private boolean iterating;
  private final List<SseStream> closedDuringIteration = new ArrayList<>();

  public ConnectionRegistry(Vertx vertx, Presence presence, TidingsMetrics metrics, RegistryOptions options,
                            StreamWriter writer, Feeds feeds) {
    this.vertx = vertx;
    this.presence = presence;
    this.metrics = metrics;
    this.options = options;
    this.writer = writer;
    this.feeds = feeds;
  }

  /** Registers the presence consumer and the heartbeat; call on the instance's context. */
  public Future<Void> start() {
    // presence events are computed on every node for its own streams: never from another node
    presenceChanges = vertx.eventBus().localConsumer(Addresses.PRESENCE, this::onPresenceChange);
    sessionsEnded = vertx.eventBus().consumer(Addresses.SESSION_ENDED, this::onSessionEnded);
    heartbeatTimer = vertx.setPeriodic(options.heartbeatMillis(), id -> sendToEach(SseEncoder.HEARTBEAT, false));
    return Future.all(presenceChanges.completion(), sessionsEnded.completion()).mapEmpty();
  }

  /** Closes every stream and unregisters this instance's consumers. */
  public Future<Void> stop() {
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
    }
    for (SseStream stream : new ArrayList<>(all.keySet())) {
      stream.end();
      remove(stream);
    }
    return Future.join(presenceChanges.unregister(), sessionsEnded.unregister(), feeds.stop()).mapEmpty();
  }

  /**
   * Adds an opened stream and starts it on its channels from where it asked: its first event is
   * its {@code welcome}, then, if it wants presence, the snapshot of who is online.
   */
  public void add(SseStream stream, StartPoint start) {
    metrics.streamOpened();
    if (streamsByUser.merge(stream.user(), 1, Integer::sum) == 1) {
      presence.join(stream.user());
    }
    JsonObject welcome = new JsonObject().put("user", stream.user()).put("heartbeatMs", options.heartbeatMillis());
    Future<Buffer> snapshot = stream.wantsPresence()
      ? presence.online(0, options.snapshotLimit()).map(page -> SseEncoder.encode(BusEvent.of("presence", page.toSnapshot())))
      : Future.succeededFuture(Buffer.buffer());
    all.put(stream, feeds.subscribe(stream, start, welcome, snapshot));
    stream.onClose(() -> remove(stream));
  }

  /**
   * Tells every stream to reconnect (an event {@code reconnect}, then the end of the stream): the
   * browsers come back through the load balancer to a node that is not shutting down, and resume
   * there from their last id.
   */
  public void drain() {
    Buffer reconnect = SseEncoder.encode(BusEvent.of("reconnect", new JsonObject().put("reason", "node shutting down")));
    for (SseStream stream : new ArrayList<>(all.keySet())) {
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
    if (iterating) {
      closedDuringIteration.add(stream);
      return;
    }
    Subscription subscription = all.remove(stream);
    if (subscription == null) {
      return;
    }
    feeds.unsubscribe(subscription);
    metrics.streamClosed();
    if (streamsByUser.merge(stream.user(), -1, Integer::sum) == 0) {
      streamsByUser.remove(stream.user());
      presence.leave(stream.user());
    }
  }

  /** A session is over: its streams end, and the browser's reconnect is refused until it signs in again. */
  private void onSessionEnded(Message<JsonObject> message) {
    String user = message.body().getString("user");
    String session = message.body().getString("session");
    for (SseStream stream : new ArrayList<>(all.keySet())) {
      if (stream.user().equals(user) && (session == null || session.equals(stream.session()))) {
        stream.end();
        remove(stream);
      }
    }
  }

  private void onPresenceChange(Message<JsonObject> message) {
    Buffer encoded = SseEncoder.encode(BusEvent.of("presence", message.body()));
    metrics.eventsDelivered(sendToEach(encoded, true));
  }

  private int sendToEach(Buffer encoded, boolean presenceListenersOnly) {
    int sent = 0;
    iterating = true;
    try {
      for (SseStream stream : all.keySet()) {
        // until it is live, a stream gets nothing else: its welcome and replay come first
        if (stream.isSubscribed() && (!presenceListenersOnly || stream.wantsPresence())
          && writer.send(stream, encoded)) {
          sent++;
        }
      }
    } finally {
      iterating = false;
    }
    if (!closedDuringIteration.isEmpty()) {
      List<SseStream> closed = List.copyOf(closedDuringIteration);
      closedDuringIteration.clear();
      closed.forEach(this::remove);
    }
    return sent;
  }
}
