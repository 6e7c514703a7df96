package io.tidings.presence.impl;

import io.tidings.bus.Addresses;
import io.tidings.presence.OnlinePage;
import io.tidings.presence.Presence;
import io.tidings.presence.PresenceChanges;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.TreeMap;

/**
 * Presence of a node on its own. Shared by every HTTP verticle instance of the node, hence
 * synchronized; the critical sections are map updates only.
 */
public final class LocalPresence implements Presence {

  static final DeliveryOptions THIS_NODE_ONLY = new DeliveryOptions().setLocalOnly(true);

  private final Vertx vertx;
  // user -> number of verticle instances holding at least one of their streams; sorted for paging
  private final TreeMap<String, Integer> holders = new TreeMap<>();
  private final PresenceChanges changes = new PresenceChanges();
  private final Coalescer publication;

  public LocalPresence(Vertx vertx, int intervalMillis) {
    this.vertx = vertx;
    this.publication = new Coalescer(vertx, intervalMillis, this::publish);
  }

  @Override
  public synchronized void join(String user) {
    if (holders.merge(user, 1, Integer::sum) == 1) {
      changes.record(user, false);
      publication.poke();
    }
  }

  @Override
  public synchronized void leave(String user) {
    if (holders.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1) == null) {
      changes.record(user, true);
      publication.poke();
    }
  }

  @Override
  public synchronized Future<Boolean> isOnline(String user) {
    return Future.succeededFuture(holders.containsKey(user));
  }

  @Override
  public synchronized Future<OnlinePage> online(int offset, int limit) {
    return Future.succeededFuture(OnlinePage.of(holders.navigableKeySet(), offset, limit));
  }

  @Override
  public void close() {
    publication.close();
  }

  private void publish() {
    JsonObject change;
    synchronized (this) {
      change = changes.drain(holders::containsKey, holders.size());
    }
    if (change != null) {
      vertx.eventBus().publish(Addresses.PRESENCE, change, THIS_NODE_ONLY);
    }
  }
}
