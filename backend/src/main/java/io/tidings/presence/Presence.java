package io.tidings.presence;

import io.tidings.presence.impl.LocalPresence;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Who is online. A user is online while at least one of their streams is open. Changes are
 * batched and published on {@link io.tidings.bus.Addresses#PRESENCE} at most once per interval,
 * so ten thousand users joining cost a handful of events, not ten thousand times ten thousand.
 *
 * <p>Asynchronous throughout, so that the cluster-wide implementation
 * ({@link io.tidings.presence.impl.ClusterPresence}) fits behind it.
 */
public interface Presence {

  /** One holder (a verticle instance with at least one stream of the user) more. */
  void join(String user);

  /** One holder fewer; the user goes offline when the last holder leaves. */
  void leave(String user);

  Future<Boolean> isOnline(String user);

  /** Online users in name order, paged. */
  Future<OnlinePage> online(int offset, int limit);

  /** Stops publishing; pending changes are dropped. */
  void close();

  /** Presence for a node on its own. */
  static Presence local(Vertx vertx, int intervalMillis) {
    return new LocalPresence(vertx, intervalMillis);
  }
}
