package io.tidings.ratelimit;

import com.hazelcast.core.HazelcastInstance;
import io.tidings.ratelimit.impl.GridStreamsPerUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The cap on a user's open streams across the cluster, so that spreading tabs over nodes does not
 * multiply it. On one node the node's own count ({@code StreamQuota}) is the whole count already.
 */
public interface StreamsPerUser {

  /** Counts one more stream of the user's; {@code false} (counted nothing) when the cluster already holds the limit. */
  Future<Boolean> open(String user);

  /** Counts a stream of the user's closed; once for every {@code true} of {@link #open}. */
  void closed(String user);

  /** For one node: nothing beyond the node's own count. */
  static StreamsPerUser node() {
    return new StreamsPerUser() {
      @Override
      public Future<Boolean> open(String user) {
        return Future.succeededFuture(true);
      }

      @Override
      public void closed(String user) {
      }
    };
  }

  /** For a cluster: counts per user and node in the data grid; a departed node's counts are forgotten. */
  static GridStreamsPerUser grid(Vertx vertx, HazelcastInstance hazelcast, String nodeId, int limit) {
    return new GridStreamsPerUser(vertx, hazelcast, nodeId, limit);
  }
}
