package io.tidings.cluster;

import io.tidings.support.Await;
import io.tidings.support.Clients;
import io.tidings.support.EventStream;
import io.tidings.support.NodeProcess;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Losing a node, abruptly, gracefully or by freezing it, costs only that node's streams. */
class NodeFailureIT {

  private final List<NodeProcess> nodes = new ArrayList<>();
  private Clients clients;
  private int[] http;

  private void startCluster(int size, String... extra) {
    int[][] ports = NodeProcess.freePorts(size);
    http = new int[size];
    for (int i = 0; i < size; i++) {
      http[i] = ports[i][0];
      nodes.add(NodeProcess.start("failure-" + (i + 1), ports[i][0], ports[i][1], NodeProcess.clusterArgs(ports, i, extra)));
    }
    nodes.forEach(n -> n.awaitListening(Duration.ofSeconds(60)));
    clients = new Clients();
  }

  @BeforeEach
  void clear() {
    nodes.clear();
  }

  @AfterEach
  void stopCluster() {
    if (clients != null) {
      clients.close();
    }
    nodes.forEach(NodeProcess::close);
  }

  @Test
  void killedNodeCostsOnlyItsStreamsAndItsUsersGoOfflineWithinASecondOrTwo() {
    startCluster(3);
    EventStream alice = clients.connect(http[0], "alice");
    EventStream bob = clients.connect(http[1], "bob");
    EventStream carol = clients.connect(http[2], "carol");
    clients.awaitOnlineEverywhere(List.of("alice", "bob", "carol"), Duration.ofSeconds(10), http);

    long killed = System.nanoTime();
    nodes.get(2).kill();
    clients.awaitOnlineEverywhere(List.of("alice", "bob"), Duration.ofSeconds(5), http[0], http[1]);
    long offlineMillis = (System.nanoTime() - killed) / 1_000_000;
    alice.awaitEvent("carol left", e -> ClusterRoutingIT.presenceChange(e, "left", "carol"));
    carol.awaitEnd();

    // the rest keep serving, at once
    long posted = System.nanoTime();
    clients.send(http[1], "bob", "after the crash", "alice");
    clients.send(http[0], "alice", "to all after the crash", null);
    long postMillis = (System.nanoTime() - posted) / 1_000_000;
    alice.awaitMessage("after the crash");
    bob.awaitMessage("to all after the crash");
    System.out.println("kill -9: users offline after " + offlineMillis + " ms; two POSTs took " + postMillis + " ms");
    assertTrue(postMillis < 2000, "POSTs took " + postMillis + " ms");
    alice.close();
    bob.close();
  }

  @Test
  void terminatedNodeReportsNotReadyTellsItsStreamsToReconnectThenLeaves() {
    startCluster(2, "--drain-millis", "1500");
    EventStream alice = clients.connect(http[0], "alice");
    EventStream bob = clients.connect(http[1], "bob");
    clients.awaitOnlineEverywhere(List.of("alice", "bob"), Duration.ofSeconds(10), http);

    nodes.get(1).terminate();

    // first not ready, while its stream is still open
    Await.until("node 2 reports draining", () -> clients.get(http[1], "/health").statusCode() == 503);
    assertEquals("DRAINING", clients.get(http[1], "/health").bodyAsJsonObject().getString("status"));
    assertFalse(bob.isEnded(), "the stream stays open during the drain period");
    HttpResponse<Buffer> refused = clients.get(http[1], "/sse?user=latecomer");
    assertEquals(503, refused.statusCode(), "no new streams while draining");

    // then the stream is told to reconnect and ends; then the node leaves and exits
    bob.awaitEvent("reconnect", e -> "reconnect".equals(e.event()), Duration.ofSeconds(10));
    bob.awaitEnd();
    assertTrue(nodes.get(1).waitForExit(Duration.ofSeconds(20)), "node 2 exits");
    clients.awaitOnlineEverywhere(List.of("alice"), Duration.ofSeconds(5), http[0]);

    // the reconnecting browser lands on the node that is left
    EventStream bobAgain = clients.connect(http[0], "bob");
    clients.send(http[0], "alice", "welcome back", "bob");
    bobAgain.awaitMessage("welcome back");
    alice.close();
    bobAgain.close();
  }

  /**
   * A frozen member holds every partition's primary or backup copy in a cluster of two, and the
   * history keeps each event with a synchronous backup: a publish waits for the frozen member
   * until Hazelcast drops it (the heartbeat timeout, 5 s), then completes on the member left.
   * Measured: the first POST after the freeze answers after about 5.2 s, just after the drop; none
   * is lost, none is refused, and once the member is dropped POSTs answer at once again.
   */
  @Test
  void frozenNodeIsDroppedWithinTheHeartbeatTimeoutAndPostsWaitForItNoLongerThanThat() {
    startCluster(2);
    EventStream alice = clients.connect(http[0], "alice");
    EventStream bob = clients.connect(http[1], "bob");
    clients.awaitOnlineEverywhere(List.of("alice", "bob"), Duration.ofSeconds(10), http);

    long frozen = System.nanoTime();
    AtomicLong dropped = new AtomicLong();
    Thread watcher = new Thread(() -> {
      while (dropped.get() == 0 && millisSince(frozen) < 15_000) {
        if (!clients.online(http[0]).contains("bob")) {
          dropped.set(System.nanoTime());
        }
        Await.pause(Duration.ofMillis(20));
      }
    }, "watches-bob-go-offline");
    nodes.get(1).freeze();
    watcher.start();
    List<long[]> answers = new ArrayList<>(); // [started, answered], nanoTime
    int rounds = 0;
    while (dropped.get() == 0 || millisSince(dropped.get()) < 2000) {
      assertTrue(millisSince(frozen) < 20_000, "bob still online 15 s after his node froze");
      long started = System.nanoTime();
      clients.send(http[0], "alice", "round " + rounds, rounds % 2 == 0 ? null : "bob");
      answers.add(new long[] {started, System.nanoTime()});
      rounds++;
      Await.pause(Duration.ofMillis(100));
    }
    long droppedMillis = (dropped.get() - frozen) / 1_000_000;
    // nothing is lost on the live node, nothing arrives twice
    for (int i = 0; i < rounds; i++) {
      alice.awaitMessage("round " + i);
    }
    Await.pause(Duration.ofMillis(300));
    List<String> texts = alice.messages().stream().map(m -> m.getString("message")).toList();
    assertEquals(rounds, texts.stream().filter(t -> t.startsWith("round ")).distinct().count());
    assertEquals(texts.stream().distinct().count(), texts.size(), "a message arrived twice: " + texts);
    long allDeliveredMillis = millisSince(frozen);

    long slowest = 0;
    long latestPastDrop = Long.MIN_VALUE;
    long slowestAfterDrop = 0;
    for (long[] answer : answers) {
      slowest = Math.max(slowest, (answer[1] - answer[0]) / 1_000_000);
      if (answer[0] <= dropped.get()) {
        latestPastDrop = Math.max(latestPastDrop, (answer[1] - dropped.get()) / 1_000_000);
      } else {
        slowestAfterDrop = Math.max(slowestAfterDrop, (answer[1] - answer[0]) / 1_000_000);
      }
    }
    System.out.println("SIGSTOP: users offline after " + droppedMillis + " ms; slowest POST answer meanwhile " + slowest
      + " ms; the last answer of a POST started before the drop came " + latestPastDrop + " ms after it; slowest POST"
      + " started after the drop " + slowestAfterDrop + " ms; all " + rounds + " messages delivered on the live node "
      + allDeliveredMillis + " ms after the freeze");
    assertTrue(latestPastDrop < 1000, "a POST waited " + latestPastDrop + " ms past the frozen member's drop");
    assertTrue(slowestAfterDrop < 1000, "a POST after the drop took " + slowestAfterDrop + " ms");
    alice.awaitEvent("bob left", e -> ClusterRoutingIT.presenceChange(e, "left", "bob"));
    assertFalse(clients.post(http[0], new io.vertx.core.json.JsonObject().put("user", "alice")
      .put("message", "too late").put("to", "bob")).bodyAsJsonObject().getBoolean("recipientOnline"),
      "bob is reported offline");
    alice.close();
    bob.close();
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
