package io.tidings.cluster;

import io.tidings.support.Await;
import io.tidings.support.ClusterScene;
import io.tidings.support.Deliveries;
import io.tidings.support.NodeProcess;
import io.tidings.support.PartitionOwners;
import io.tidings.support.ResumingTab;
import io.tidings.support.SteadySender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node killed with {@code kill -9} while messages flow: the tabs it held resume on the nodes
 * left, with the last id each saw, and end up with every accepted message exactly once, in the
 * order each sender posted it. Once when the killed member held none of those channels' history,
 * once when it owned the partitions of all of them (the history then comes from the backups).
 */
class ResumeAfterNodeLossIT {

  private static final int READERS = 4;

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final ClusterScene scene = new ClusterScene();
  private PartitionOwners owners;

  @AfterEach
  void stopEverything() {
    scene.close();
  }

  @Test
  @Timeout(180)
  void tabsOfAKilledNodeResumeElsewhereWithEveryAcceptedMessageOnceInPostingOrder() {
    killTheNodeOfTheTabsWhileMessagesFlow(false);
  }

  @Test
  @Timeout(180)
  void nothingIsLostOrRepeatedWhenTheKilledMemberOwnedTheHistoryOfTheTabsChannels() {
    killTheNodeOfTheTabsWhileMessagesFlow(true);
  }

  private void killTheNodeOfTheTabsWhileMessagesFlow(boolean victimOwnsTheirHistory) {
    int[][] ports = NodeProcess.freePorts(3);
    for (int i = 0; i < 3; i++) {
      nodes.add(scene.start("loss-" + victimOwnsTheirHistory + "-" + (i + 1), ports[i][0], ports[i][1],
        NodeProcess.clusterArgs(ports, i)));
    }
    nodes.forEach(n -> n.awaitListening(Duration.ofSeconds(60)));
    NodeProcess victim = nodes.get(2);
    owners = scene.owners(ports[0][1], ports[1][1], ports[2][1]).awaitMembers(3, Duration.ofSeconds(30));

    // readers chosen by where their channel's history lives, asked of the cluster (not left to chance)
    IntPredicate wanted = port -> (port == victim.clusterPort()) == victimOwnsTheirHistory;
    List<String> readers = new ArrayList<>();
    for (int i = 0; readers.size() < READERS; i++) {
      if (wanted.test(owners.ownerPort("user:reader" + i))) {
        readers.add("reader" + i);
      }
    }
    for (String reader : readers) {
      scene.tab(victim.httpPort(), reader);
    }

    // two backends posting through the nodes that stay, every other message to one of the readers
    int n1 = nodes.get(0).httpPort();
    int n2 = nodes.get(1).httpPort();
    scene.senders.add(new SteadySender(scene.clients, "alpha", n -> n % 2 == 0 ? readers.get(n / 2 % READERS) : null,
      () -> n1, Duration.ofMillis(5)));
    scene.senders.add(new SteadySender(scene.clients, "beta", n -> n % 2 == 1 ? readers.get(n / 2 % READERS) : null,
      () -> n2, Duration.ofMillis(5)));
    scene.senders.forEach(s -> s.awaitMore(40, Duration.ofSeconds(30)));

    // the ownership again, right before the kill: the test is only what it says while it still holds
    for (String reader : readers) {
      assertTrue(wanted.test(owners.ownerPort("user:" + reader)), "the history of " + reader + " moved");
    }
    boolean victimOwnsEveryone = owners.ownerPort("all") == victim.clusterPort();
    scene.closeOwners();
    owners = null;

    long killed = System.nanoTime();
    victim.kill();
    int i = 0;
    for (ResumingTab tab : scene.tabs) {
      tab.current().awaitEnd();
      // as a load balancer would spread them: half to each node left, at once (no retry delay)
      tab.resumeOn(i++ % 2 == 0 ? n1 : n2);
    }
    long resumedMillis = (System.nanoTime() - killed) / 1_000_000;
    scene.senders.forEach(s -> s.awaitMore(40, Duration.ofSeconds(30)));
    scene.senders.forEach(SteadySender::stop);

    for (SteadySender sender : scene.senders) {
      System.out.println("kill -9 (victim owns the readers' history: " + victimOwnsTheirHistory
        + ", the everyone channel's: " + victimOwnsEveryone + "): " + sender.user() + " had "
        + sender.accepted().size() + " accepted, " + sender.uncertain().size() + " uncertain " + sender.failures()
        + ", slowest POST " + sender.slowestMillis() + " ms; every tab resumed " + resumedMillis + " ms after the kill");
    }
    for (ResumingTab tab : scene.tabs) {
      Deliveries.assertExactlyOnceInOrder(tab, scene.senders, Duration.ofSeconds(20));
      assertEquals(0, tab.count("missed"), "a resume within the history's bounds misses nothing: " + tab.events());
      System.out.println("  " + tab.user() + ": " + tab.messages().size() + " messages; across channels, overtaken: "
        + Deliveries.crossChannelInversions(tab.messages(), scene.senders));
    }
  }
}
