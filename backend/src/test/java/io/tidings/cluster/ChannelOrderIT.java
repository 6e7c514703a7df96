package io.tidings.cluster;

import io.tidings.support.Await;
import io.tidings.support.ClusterScene;
import io.tidings.support.Deliveries;
import io.tidings.support.NodeProcess;
import io.tidings.support.ResumingTab;
import io.tidings.support.SteadySender;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel has one order, whichever node a message was posted to and whichever node a stream is
 * on: with three senders posting at once through three nodes, every stream of the everyone
 * channel receives the same sequence, and every tab of one user the same sequence of its direct
 * messages, numbered without a gap.
 */
class ChannelOrderIT {

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final ClusterScene scene = new ClusterScene();

  @AfterEach
  void stopEverything() {
    scene.close();
  }

  @Test
  @Timeout(120)
  void everyStreamOfAChannelReceivesItsMessagesInOneOrderWhateverNodeTheyWerePostedTo() {
    int[][] ports = NodeProcess.freePorts(3);
    for (int i = 0; i < 3; i++) {
      nodes.add(scene.start("order-" + (i + 1), ports[i][0], ports[i][1], NodeProcess.clusterArgs(ports, i)));
    }
    nodes.forEach(n -> n.awaitListening(Duration.ofSeconds(60)));
    for (NodeProcess node : nodes) {
      scene.tab(node.httpPort(), "watcher-" + node.name());
      scene.tab(node.httpPort(), "target");
    }

    // three senders, one per node, without pause: every other message directly to target
    for (NodeProcess node : nodes) {
      int port = node.httpPort();
      scene.senders.add(new SteadySender(scene.clients, "from-" + node.name(), n -> n % 2 == 0 ? "target" : null,
        () -> port, Duration.ZERO));
    }
    scene.senders.forEach(s -> s.awaitMore(150, Duration.ofSeconds(60)));
    scene.senders.forEach(SteadySender::stop);
    for (SteadySender sender : scene.senders) {
      assertTrue(sender.uncertain().isEmpty(), "no node was lost, yet: " + sender.failures());
    }

    for (ResumingTab tab : scene.tabs) {
      Deliveries.assertExactlyOnceInOrder(tab, scene.senders, Duration.ofSeconds(20));
    }
    List<String> everyone = sequence(scene.tabs.get(0), true);
    List<String> direct = sequence(scene.tabs.get(1), false);
    for (ResumingTab tab : scene.tabs) {
      assertEquals(everyone, sequence(tab, true), "the everyone channel on the tab of " + tab.user() + " on :" + tab.port());
      if (tab.user().equals("target")) {
        assertEquals(direct, sequence(tab, false), "target's channel on its tab on :" + tab.port());
      }
    }
    System.out.println("one order: " + everyone.size() + " messages to everyone and " + direct.size() / 2
      + " to target, posted at once through 3 nodes, in the same order on " + scene.tabs.size() + " streams; across "
      + "channels, overtaken on the target tabs: " + scene.tabs.stream().filter(t -> t.user().equals("target"))
      .mapToInt(t -> Deliveries.crossChannelInversions(t.messages(), scene.senders).size()).boxed().toList());
  }

  /**
   * The messages of one channel on a tab, each with its place in the channel ({@code seq} from the
   * id's entry for the channel), checking the places follow each other without a gap.
   */
  private static List<String> sequence(ResumingTab tab, boolean everyone) {
    List<String> sequence = new ArrayList<>();
    long previous = -1;
    for (JsonObject message : tab.messages()) {
      if ((message.getString("to") == null) != everyone) {
        continue;
      }
      long seq = seqOf(message.getString("sseId"), everyone ? "a" : "u");
      if (previous >= 0) {
        assertEquals(previous + 1, seq, "a gap before " + message + " on the tab of " + tab.user());
      }
      previous = seq;
      sequence.add(seq + ":" + message.getString("message"));
    }
    return sequence;
  }

  /** The sequence in one channel's entry of an id ({@code a.EPOCH.SEQ_u.EPOCH.SEQ}, base 36). */
  private static long seqOf(String id, String tag) {
    for (String entry : id.split("_")) {
      String[] parts = entry.split("\\.");
      if (parts[0].equals(tag)) {
        return Long.parseLong(parts[2], 36);
      }
    }
    throw new AssertionError("no entry " + tag + " in id " + id);
  }
}
