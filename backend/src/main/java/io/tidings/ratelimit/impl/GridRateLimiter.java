package io.tidings.ratelimit.impl;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import io.tidings.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts in a Hazelcast map, one entry per key and window ({@code KEY@WINDOW_START}), incremented
 * by an entry processor on the key's partition owner: one asynchronous round trip per request,
 * and the entry expires with its window.
 */
public final class GridRateLimiter implements RateLimiter {

  public static final String MAP = "tidings.rates";

  private final Vertx vertx;
  private final IMap<String, Long> counts;

  public GridRateLimiter(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.counts = hazelcast.getMap(MAP);
  }

  @Override
  public Future<Long> hit(String key, long windowMillis) {
    long now = System.currentTimeMillis();
    long start = now - now % windowMillis;
    // completed back on the caller's event loop, not on a Hazelcast thread
    return Future.fromCompletionStage(counts.submitToKey(key + "@" + start, new Increment(windowMillis)),
      vertx.getOrCreateContext());
  }

  @Override
  public void close() {
  }

  /** Adds one and keeps the entry only as long as its window. */
  static final class Increment implements EntryProcessor<String, Long, Long> {

    private static final long serialVersionUID = 1L;
    private final long windowMillis;

    Increment(long windowMillis) {
      this.windowMillis = windowMillis;
    }

    @Override
    public Long process(Map.Entry<String, Long> entry) {
      long count = entry.getValue() == null ? 1 : entry.getValue() + 1;
      ((ExtendedMapEntry<String, Long>) entry).setValue(count, windowMillis, TimeUnit.MILLISECONDS);
      return count;
    }
  }
}
