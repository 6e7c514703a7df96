package io.tidings.cluster;

import io.tidings.support.Clients;
import io.tidings.support.EventStream;
import io.tidings.support.NodeProcess;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two node processes in nickname mode: a name is held cluster-wide, a session works on every
 * node, and a user's rate limit is one limit, not one per node.
 */
class IdentityAcrossNodesIT {

  private static final int MESSAGES_PER_USER = 6;
  private static final int STREAMS_PER_USER = 2;
  private static final List<NodeProcess> nodes = new ArrayList<>();
  private static Clients clients;
  private static int n1;
  private static int n2;

  @BeforeAll
  static void startCluster() {
    int[][] ports = NodeProcess.freePorts(2);
    for (int i = 0; i < 2; i++) {
      nodes.add(NodeProcess.start("identity-" + (i + 1), ports[i][0], ports[i][1], NodeProcess.clusterArgs(ports, i,
        "--auth", "nickname", "--max-messages-per-user", String.valueOf(MESSAGES_PER_USER),
        "--max-streams-per-user", String.valueOf(STREAMS_PER_USER))));
    }
    nodes.forEach(n -> n.awaitListening(Duration.ofSeconds(60)));
    n1 = ports[0][0];
    n2 = ports[1][0];
    clients = new Clients();
  }

  @AfterAll
  static void stopCluster() {
    if (clients != null) {
      clients.close();
    }
    nodes.forEach(NodeProcess::close);
  }

  private static String token(int port, String user) {
    HttpResponse<Buffer> claimed = clients.claim(port, user);
    assertEquals(200, claimed.statusCode(), claimed.bodyAsString());
    return claimed.bodyAsJsonObject().getString("token");
  }

  @Test
  void aNameClaimedOnOneNodeIsHeldOnTheOtherAndItsSessionWorksThere() {
    String alice = token(n1, "alice");
    HttpResponse<Buffer> taken = clients.claim(n2, "alice");
    assertEquals(409, taken.statusCode(), taken.bodyAsString());
    assertTrue(taken.bodyAsJsonObject().getString("errorMessage").contains("taken"));

    String bob = token(n2, "bob");
    try (EventStream aliceOn2 = clients.connectAs(n2, alice);
         EventStream bobOn1 = clients.connectAs(n1, bob)) {
      HttpResponse<Buffer> sent = clients.postAs(n1, alice, new JsonObject().put("message", "via node 1").put("to", "bob"));
      assertEquals(200, sent.statusCode(), sent.bodyAsString());
      assertEquals("alice", bobOn1.awaitMessage("via node 1").getString("user"));
      aliceOn2.awaitMessage("via node 1");
      try (EventStream forged = clients.openAs(n2, bob, "/sse?user=alice")) {
        assertEquals(403, forged.status());
      }
    }
  }

  @Test
  void aLogoutOnOneNodeEndsTheStreamsOnTheOtherAndFreesTheName() {
    String carol = token(n1, "carol");
    EventStream carolOn2 = clients.connectAs(n2, carol);
    HttpResponse<Buffer> logout = clients.logout(n1, carol);
    assertEquals(200, logout.statusCode(), logout.bodyAsString());
    carolOn2.awaitEnd();
    assertEquals(200, clients.claim(n2, "carol").statusCode());
  }

  @Test
  void aUsersMessageLimitHoldsAcrossBothNodes() {
    String dave = token(n1, "dave");
    int accepted = 0;
    for (int i = 0; i < MESSAGES_PER_USER; i++) {
      int port = i % 2 == 0 ? n1 : n2;
      assertEquals(200, clients.postAs(port, dave, new JsonObject().put("message", "m" + i)).statusCode());
      accepted++;
    }
    assertEquals(MESSAGES_PER_USER, accepted);
    for (int port : new int[] {n1, n2}) {
      HttpResponse<Buffer> refused = clients.postAs(port, dave, new JsonObject().put("message", "one too many"));
      assertEquals(429, refused.statusCode(), "node :" + port + " " + refused.bodyAsString());
      assertTrue(refused.getHeader("Retry-After") != null);
    }
  }

  @Test
  void aUsersOpenStreamsAreCountedAcrossBothNodes() {
    String erin = token(n1, "erin");
    try (EventStream on1 = clients.connectAs(n1, erin);
         EventStream on2 = clients.connectAs(n2, erin)) {
      for (int port : new int[] {n1, n2}) {
        try (EventStream third = clients.openAs(port, erin, "/sse")) {
          assertEquals(429, third.status(), "node :" + port);
        }
      }
      on1.close();
      io.tidings.support.Await.until("a stream of erin's opens again once one closed", () -> {
        try (EventStream again = clients.openAs(n2, erin, "/sse")) {
          return again.status() == 200;
        }
      }, Duration.ofSeconds(10));
    }
  }
}
