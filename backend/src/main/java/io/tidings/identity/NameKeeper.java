package io.tidings.identity;

import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a nickname held while its session has a stream open on this node: renews the hold every
 * third of the grace period, and once more when the last stream closes, so the grace period
 * starts then. One per node; every HTTP instance reports its streams here.
 */
public final class NameKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(NameKeeper.class);

  private final Sessions sessions;
  private final Map<Caller, Integer> open = new ConcurrentHashMap<>();
  private final long timer;
  private final Vertx vertx;

  public NameKeeper(Vertx vertx, Sessions sessions) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.timer = vertx.setPeriodic(Math.max(1000, sessions.graceMillis() / 3), id -> renewAll());
  }

  public void opened(Caller caller) {
    if (caller.session() != null) {
      open.merge(caller, 1, Integer::sum);
    }
  }

  public void closed(Caller caller) {
    if (caller.session() != null && open.computeIfPresent(caller, (c, n) -> n == 1 ? null : n - 1) == null) {
      renew(caller);
    }
  }

  public void close() {
    vertx.cancelTimer(timer);
  }

  private void renewAll() {
    open.keySet().forEach(this::renew);
  }

  private void renew(Caller caller) {
    sessions.keep(caller.user(), caller.session()).onComplete(kept -> {
      if (kept.failed()) {
        // the grid is unreachable: try again next round, well within the grace period
        LOG.warn("Could not renew the hold on a name: " + kept.cause().getMessage());
      } else if (!kept.result() && open.remove(caller) != null) {
        sessions.announceEnded(caller);
      }
    });
  }
}
