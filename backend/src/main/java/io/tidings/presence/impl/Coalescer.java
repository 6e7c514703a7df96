package io.tidings.presence.impl;

import io.vertx.core.Vertx;

/**
 * Runs an action at most once per interval, leading edge: a poke after a quiet interval runs it
 * at once, pokes within the interval wait for its end and are served by one run.
 * Thread-safe; the action runs outside this object's lock.
 */
final class Coalescer {

  private final Vertx vertx;
  private final long intervalMillis;
  private final Runnable action;
  private long lastRun;
  private long pendingTimer = -1;
  private boolean closed;

  Coalescer(Vertx vertx, long intervalMillis, Runnable action) {
    this.vertx = vertx;
    this.intervalMillis = intervalMillis;
    this.action = action;
  }

  synchronized void poke() {
    if (pendingTimer >= 0 || closed) {
      return;
    }
    long wait = Math.max(1, lastRun + intervalMillis - System.currentTimeMillis());
    pendingTimer = vertx.setTimer(wait, id -> run());
  }

  synchronized void close() {
    closed = true;
    if (pendingTimer >= 0) {
      vertx.cancelTimer(pendingTimer);
      pendingTimer = -1;
    }
  }

  private void run() {
    synchronized (this) {
      pendingTimer = -1;
      if (closed) {
        return;
      }
      lastRun = System.currentTimeMillis();
    }
    action.run();
  }
}
