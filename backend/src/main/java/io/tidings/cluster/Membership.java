package io.tidings.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.function.Consumer;

/**
 * Nodes joining and leaving, as Hazelcast sees them, named by their Vert.x node ids. Vert.x's own
 * {@code ClusterManager.nodeListener} takes a single listener, which Vert.x itself uses, so Tidings
 * listens on Hazelcast directly.
 */
public final class Membership {

  // vertx-hazelcast stores each member's Vert.x node id under this attribute (HazelcastClusterManager)
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private Membership() {
  }

  public static void watch(HazelcastClusterManager manager, Consumer<String> joined, Consumer<String> left) {
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        report(event.getMember(), joined);
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        report(event.getMember(), left);
      }
    });
  }

  private static void report(Member member, Consumer<String> listener) {
    String nodeId = member.getAttribute(VERTX_NODE_ID);
    if (nodeId != null) { // members without one are not Vert.x nodes
      listener.accept(nodeId);
    }
  }
}
