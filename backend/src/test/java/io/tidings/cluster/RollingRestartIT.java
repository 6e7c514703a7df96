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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restarting every node of a three-node cluster in turn, as a deployment does (SIGTERM, wait for
 * the exit, start it again, wait until it has joined), while messages flow: each node's tabs are
 * told to reconnect, resume on another node with their last id, and in the end every tab has
 * every accepted message exactly once, in posting order, and no {@code missed}. The history
 * outlives every member because each leaves gracefully, handing its partitions over first.
 */
class RollingRestartIT {

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final ClusterScene scene = new ClusterScene();
  private PartitionOwners cluster;

  @AfterEach
  void stopEverything() {
    scene.close();
  }

  @Test
  @Timeout(300)
  void aRollingRestartOfEveryNodeLosesNoMessageAndRepeatsNone() {
    int[][] ports = NodeProcess.freePorts(3);
    for (int i = 0; i < 3; i++) {
      nodes.add(start(ports, i, "rolling-" + (i + 1)));
    }
    nodes.forEach(n -> n.awaitListening(Duration.ofSeconds(60)));
    cluster = scene.owners(ports[0][1], ports[1][1], ports[2][1]).awaitMembers(3, Duration.ofSeconds(30));

    List<String> readers = List.of("reader0", "reader1", "reader2", "reader3", "reader4", "reader5");
    for (int i = 0; i < readers.size(); i++) {
      scene.tab(nodes.get(i % 3).httpPort(), readers.get(i));
    }
    // the senders post through the nodes up at the time, in turn, as a load balancer would
    List<Integer> up = new CopyOnWriteArrayList<>(List.of(ports[0][0], ports[1][0], ports[2][0]));
    AtomicInteger turn = new AtomicInteger();
    scene.senders.add(new SteadySender(scene.clients, "alpha", n -> n % 2 == 0 ? readers.get(n / 2 % readers.size()) : null,
      () -> up.get(Math.floorMod(turn.getAndIncrement(), up.size())), Duration.ofMillis(10)));
    scene.senders.add(new SteadySender(scene.clients, "beta", n -> n % 2 == 1 ? readers.get(n / 2 % readers.size()) : null,
      () -> up.get(Math.floorMod(turn.getAndIncrement(), up.size())), Duration.ofMillis(10)));
    scene.senders.forEach(s -> s.awaitMore(20, Duration.ofSeconds(30)));

    List<String> steps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      NodeProcess leaving = nodes.get(i);
      int next = ports[(i + 1) % 3][0];
      long began = System.nanoTime();
      up.remove(Integer.valueOf(leaving.httpPort()));
      leaving.terminate();
      for (ResumingTab tab : scene.tabs) {
        if (tab.port() == leaving.httpPort()) {
          tab.current().awaitEvent("reconnect", e -> "reconnect".equals(e.event()), Duration.ofSeconds(15));
          tab.current().awaitEnd();
          tab.resumeOn(next);
        }
      }
      long resumed = System.nanoTime();
      assertTrue(leaving.waitForExit(Duration.ofSeconds(30)), leaving.name() + " exits after SIGTERM");
      long exited = System.nanoTime();
      NodeProcess again = start(ports, i, leaving.name() + "-again");
      nodes.set(i, again);
      again.awaitListening(Duration.ofSeconds(60));
      cluster.awaitMembers(3, Duration.ofSeconds(30));
      up.add(again.httpPort());
      long joined = System.nanoTime();
      scene.senders.forEach(s -> s.awaitMore(20, Duration.ofSeconds(30)));
      steps.add(leaving.name() + ": tabs resumed " + millis(began, resumed) + " ms after SIGTERM, exit after "
        + millis(began, exited) + " ms, back and joined after " + millis(began, joined) + " ms");
    }
    scene.senders.forEach(SteadySender::stop);

    steps.forEach(step -> System.out.println("rolling restart, " + step));
    for (SteadySender sender : scene.senders) {
      System.out.println("rolling restart: " + sender.user() + " had " + sender.accepted().size() + " accepted, "
        + sender.uncertain().size() + " uncertain " + sender.failures() + ", slowest POST " + sender.slowestMillis() + " ms");
    }
    for (ResumingTab tab : scene.tabs) {
      Deliveries.assertExactlyOnceInOrder(tab, scene.senders, Duration.ofSeconds(20));
      assertEquals(0, tab.count("missed"), "nothing is missed across a rolling restart: " + tab.events());
      System.out.println("  " + tab.user() + ": " + tab.messages().size() + " messages over " + (tab.resumedWith().size() + 1)
        + " streams; across channels, overtaken: " + Deliveries.crossChannelInversions(tab.messages(), scene.senders));
    }
  }

  private NodeProcess start(int[][] ports, int index, String name) {
    NodeProcess node = scene.start(name, ports[index][0], ports[index][1],
      NodeProcess.clusterArgs(ports, index, "--drain-millis", "500"));
    return node;
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
