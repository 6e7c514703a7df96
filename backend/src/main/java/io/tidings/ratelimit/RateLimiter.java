package io.tidings.ratelimit;

import com.hazelcast.core.HazelcastInstance;
import io.tidings.ratelimit.impl.GridRateLimiter;
import io.tidings.ratelimit.impl.MemoryRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Counts requests per key in fixed windows: in memory on one node, in the data grid in a
 * cluster, so that a user spreading requests over nodes meets one limit, not one per node.
 */
public interface RateLimiter {

  /**
   * Counts one request.
   *
   * @return how many requests the key has made in the current window, this one included
   */
  Future<Long> hit(String key, long windowMillis);

  void close();

  static RateLimiter memory(Vertx vertx) {
    return new MemoryRateLimiter(vertx);
  }

  static RateLimiter grid(Vertx vertx, HazelcastInstance hazelcast) {
    return new GridRateLimiter(vertx, hazelcast);
  }
}
