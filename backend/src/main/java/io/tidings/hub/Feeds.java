package io.tidings.hub;

import io.tidings.metrics.TidingsMetrics;
import io.tidings.sse.SseStream;
import io.tidings.sse.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscribing side of the hub for one verticle instance: its feed of the everyone channel,
 * a feed per user with a stream here (opened with the first, closed with the last), and the
 * streams' subscriptions to them. Confined to the instance's event loop.
 */
public final class Feeds {

  private static final Logger LOG = LoggerFactory.getLogger(Feeds.class);

  private final Vertx vertx;
  private final Hub hub;
  private final StreamWriter writer;
  private final TidingsMetrics metrics;
  private final Map<Channel, ChannelFeed> users = new HashMap<>();
  private ChannelFeed everyone;

  public Feeds(Vertx vertx, Hub hub, StreamWriter writer, TidingsMetrics metrics) {
    this.vertx = vertx;
    this.hub = hub;
    this.writer = writer;
    this.metrics = metrics;
  }

  public Future<Void> start() {
    everyone = new ChannelFeed(Channel.EVERYONE, vertx, hub, metrics, true);
    return everyone.ready();
  }

  public Future<Void> stop() {
    List<Future<Void>> closed = new ArrayList<>();
    closed.add(everyone.close());
    users.values().forEach(feed -> closed.add(feed.close()));
    users.clear();
    return Future.join(closed).mapEmpty();
  }

  /**
   * Starts a stream on its channels: the handshake runs, then the stream is live. A stream whose
   * handshake fails (the history could not be read) is ended; the client comes back with its id.
   */
  public Subscription subscribe(SseStream stream, StartPoint start, JsonObject welcome, Future<Buffer> prelude) {
    Channel own = Channel.user(stream.user());
    ChannelFeed feed = users.get(own);
    if (feed == null || feed.ready().failed()) {
      if (feed != null) {
        feed.close();
      }
      feed = new ChannelFeed(own, vertx, hub, metrics, false);
      users.put(own, feed);
    }
    feed.holders++;
    Subscription subscription = new Subscription(stream, new ChannelFeed[] {everyone, feed}, hub, writer, metrics);
    subscription.start(start, welcome, prelude).onFailure(err -> {
      LOG.warn("Could not start the stream of " + stream.user() + ": " + err.getMessage());
      stream.end();
    });
    return subscription;
  }

  public void unsubscribe(Subscription subscription) {
    subscription.cancel();
    ChannelFeed own = subscription.feeds()[1];
    if (--own.holders == 0) {
      // a feed replaced after it failed to start is no longer in the map, but is closed all the same
      users.remove(own.channel(), own);
      own.close();
    }
  }
}
