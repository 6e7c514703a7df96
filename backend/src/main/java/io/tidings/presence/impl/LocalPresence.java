package io.tidings.presence.impl;

import io.tidings.bus.Addresses;
import io.tidings.presence.OnlinePage;
import io.tidings.presence.Presence;
import io.tidings.presence.PresenceChanges;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * Presence of one node. Shared by every HTTP verticle instance of the node, hence synchronized;
 * the critical sections are map updates only.
 *
 * <p>Publication is leading-edge: a change after a quiet interval goes out at once, changes that
 * follow within the interval wait for its end and go out together.
 */
public final class LocalPresence implements Presence {

  private final Vertx vertx;
  private final long intervalMillis;
  // user -> number of verticle instances holding at least one of their streams; sorted for paging
  private final TreeMap<String, Integer> holders = new TreeMap<>();
  private final PresenceChanges changes = new PresenceChanges();
  private long lastPublished;
  private long pendingTimer = -1;
  private boolean closed;

  public LocalPresence(Vertx vertx, int intervalMillis) {
    this.vertx = vertx;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public synchronized void join(String user) {
    if (holders.merge(user, 1, Integer::sum) == 1) {
      changed(user, false);
    }
  }

  @Override
  public synchronized void leave(String user) {
    Integer remaining = holders.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
    if (remaining == null) {
      changed(user, true);
    }
  }

  @Override
  public synchronized Future<Boolean> isOnline(String user) {
    return Future.succeededFuture(holders.containsKey(user));
  }

  @Override
  public synchronized Future<OnlinePage> online(int offset, int limit) {
    List<String> page = new ArrayList<>(Math.min(limit, holders.size()));
    Iterator<String> names = holders.keySet().iterator();
    for (int skipped = 0; skipped < offset && names.hasNext(); skipped++) {
      names.next();
    }
    while (page.size() < limit && names.hasNext()) {
      page.add(names.next());
    }
    return Future.succeededFuture(new OnlinePage(page, holders.size(), offset, limit));
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (pendingTimer >= 0) {
      vertx.cancelTimer(pendingTimer);
      pendingTimer = -1;
    }
  }

  private void changed(String user, boolean onlineBefore) {
    changes.record(user, onlineBefore);
    if (pendingTimer >= 0 || closed) {
      return;
    }
    long wait = Math.max(1, lastPublished + intervalMillis - System.currentTimeMillis());
    pendingTimer = vertx.setTimer(wait, id -> publish());
  }

  private void publish() {
    JsonObject change;
    synchronized (this) {
      pendingTimer = -1;
      if (closed) {
        return;
      }
      lastPublished = System.currentTimeMillis();
      change = changes.drain(holders::containsKey, holders.size());
    }
    if (change != null) {
      vertx.eventBus().publish(Addresses.PRESENCE, change);
    }
  }
}
