package io.tidings.ratelimit.impl;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.tidings.ratelimit.StreamsPerUser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * A user's open streams, per node, in a Hazelcast map ({@code user → {node → count}}), changed by
 * entry processors on the user's partition owner: one asynchronous round trip when a stream
 * opens and one when it closes. Counting per node lets the survivors drop a crashed node's
 * streams, which would otherwise hold the user's quota for ever.
 */
public final class GridStreamsPerUser implements StreamsPerUser {

  public static final String MAP = "tidings.streams.per-user";
  private static final Logger LOG = LoggerFactory.getLogger(GridStreamsPerUser.class);

  private final Vertx vertx;
  private final IMap<String, HashMap<String, Integer>> counts;
  private final String nodeId;
  private final int limit;

  public GridStreamsPerUser(Vertx vertx, HazelcastInstance hazelcast, String nodeId, int limit) {
    this.vertx = vertx;
    this.counts = hazelcast.getMap(MAP);
    this.nodeId = nodeId;
    this.limit = limit;
  }

  @Override
  public Future<Boolean> open(String user) {
    if (limit == 0) {
      return Future.succeededFuture(true);
    }
    return Future.fromCompletionStage(counts.submitToKey(user, new Open(nodeId, limit)), vertx.getOrCreateContext());
  }

  @Override
  public void closed(String user) {
    if (limit == 0) {
      return;
    }
    counts.submitToKey(user, new Close(nodeId, false)).whenComplete((v, err) -> {
      if (err != null) {
        LOG.warn("Could not count a closed stream of a user's: " + err.getMessage());
      }
    });
  }

  /** A member left: its streams are gone with it. Every survivor runs this; doing it twice changes nothing. */
  public void forgetNode(String departed) {
    // a scan of every entry, blocking: off the event loop, and only when a member leaves
    vertx.executeBlocking(() -> counts.executeOnEntries(new Close(departed, true))).onFailure(err ->
      LOG.warn("Could not forget the streams of a departed node: " + err.getMessage()));
  }

  static final class Open implements EntryProcessor<String, HashMap<String, Integer>, Boolean> {
    private static final long serialVersionUID = 1L;
    private final String node;
    private final int limit;

    Open(String node, int limit) {
      this.node = node;
      this.limit = limit;
    }

    @Override
    public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
      HashMap<String, Integer> perNode = entry.getValue() == null ? new HashMap<>() : entry.getValue();
      int total = perNode.values().stream().mapToInt(Integer::intValue).sum();
      if (total >= limit) {
        return false;
      }
      perNode.merge(node, 1, Integer::sum);
      entry.setValue(perNode);
      return true;
    }
  }

  /** Counts one stream of a node's closed, or (a departed node) all of them. */
  static final class Close implements EntryProcessor<String, HashMap<String, Integer>, Void> {
    private static final long serialVersionUID = 1L;
    private final String node;
    private final boolean all;

    Close(String node, boolean all) {
      this.node = node;
      this.all = all;
    }

    @Override
    public Void process(Map.Entry<String, HashMap<String, Integer>> entry) {
      HashMap<String, Integer> perNode = entry.getValue();
      if (perNode == null || !perNode.containsKey(node)) {
        return null;
      }
      perNode.computeIfPresent(node, (n, count) -> all || count <= 1 ? null : count - 1);
      entry.setValue(perNode.isEmpty() ? null : perNode);
      return null;
    }
  }
}
