package io.tidings.ratelimit.impl;

import io.tidings.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One node's counts; windows that have ended are dropped every few seconds, so a flood of keys cannot pile up. */
public final class MemoryRateLimiter implements RateLimiter {

  private static final long PURGE_MILLIS = 5000;

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final long purgeTimer;

  private record Window(long endsAt, AtomicLong count) {
  }

  public MemoryRateLimiter(Vertx vertx) {
    this.vertx = vertx;
    this.purgeTimer = vertx.setPeriodic(PURGE_MILLIS, id -> {
      long now = System.currentTimeMillis();
      windows.values().removeIf(window -> window.endsAt <= now);
    });
  }

  @Override
  public Future<Long> hit(String key, long windowMillis) {
    long now = System.currentTimeMillis();
    long start = now - now % windowMillis;
    Window window = windows.compute(key, (k, old) -> old == null || old.endsAt <= now
      ? new Window(start + windowMillis, new AtomicLong()) : old);
    return Future.succeededFuture(window.count.incrementAndGet());
  }

  @Override
  public void close() {
    vertx.cancelTimer(purgeTimer);
  }
}
