package io.tidings.bench;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Waits until nodes act as one cluster, as the cluster ITs do: a probe user holds one stream on
 * each node, and every node must list all of them online (presence crosses the event bus both
 * ways). Listening alone is not enough: a node that started before the others may still be alone.
 */
final class ClusterJoin {

  private ClusterJoin() {
  }

  static void await(List<TidingsNode> nodes, Duration timeout) {
    List<Socket> probes = new ArrayList<>();
    try {
      for (int i = 0; i < nodes.size(); i++) {
        // with --auth nickname a stream needs a session: the probe claims one first (none gives no token)
        String user = "benchprobe" + i;
        probes.add(openStream(nodes.get(i).port(), user, nodes.get(i).claimSession(user)));
      }
      if (!everyNode(nodes, online -> online == nodes.size(), timeout)) {
        throw new IllegalStateException(nodes.size() + " Tidings nodes did not form one cluster within " + timeout
          + " (not every node lists every probe user online)");
      }
    } finally {
      probes.forEach(ClusterJoin::closeQuietly);
    }
    // the probes' leaving is announced in batches: let it pass so that the figures start clean
    everyNode(nodes, online -> online == 0, Duration.ofSeconds(30));
  }

  /** Polls every node's {@code /health} until its online count passes {@code test}; false when the time ran out. */
  static boolean everyNode(List<TidingsNode> nodes, IntPredicate test, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (TidingsNode node : nodes) {
        JsonObject health = node.health();
        if (health == null || !health.containsKey("online") || !test.test(health.getInteger("online"))) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
      FreePort.sleep(200);
    }
    return false;
  }

  private static Socket openStream(int port, String user, String token) {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      String credential = token == null ? "" : "&access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      socket.getOutputStream().write(("GET /sse?user=" + user + credential + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return socket;
    } catch (IOException e) {
      throw new IllegalStateException("could not open a probe stream on port " + port, e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closed anyway
    }
  }
}
