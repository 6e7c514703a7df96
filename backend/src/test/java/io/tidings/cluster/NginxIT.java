package io.tidings.cluster;

import io.tidings.support.Await;
import io.tidings.support.Clients;
import io.tidings.support.EventStream;
import io.tidings.support.NginxProcess;
import io.tidings.support.NodeProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.codec.SseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Debian's nginx, running the shipped {@code backend/deploy/nginx/tidings.conf} (see
 * {@link NginxProcess#testConfig}), in front of two node processes: events pass at once, over
 * HTTP/1.1 and over TLS with HTTP/2, and a stream whose node dies reconnects to the other node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxIT {

  private static final Duration AT_ONCE = Duration.ofSeconds(1);

  private static final List<NodeProcess> nodes = new ArrayList<>();
  private static NginxProcess nginx;
  private static Clients clients;
  private static Vertx vertx;
  private static HttpClient plain;
  private static HttpClient secure;

  @BeforeAll
  static void startNodesBehindNginx() {
    int[][] ports = NodeProcess.freePorts(2);
    for (int i = 0; i < 2; i++) {
      nodes.add(NodeProcess.start("nginx-" + (i + 1), ports[i][0], ports[i][1], NodeProcess.clusterArgs(ports, i)));
    }
    // nginx needs no node up to start; it starts while they join
    nginx = NginxProcess.start(nodes.stream().map(NodeProcess::httpPort).toList());
    nodes.forEach(n -> n.awaitListening(Duration.ofSeconds(60)));
    clients = new Clients();
    vertx = Vertx.vertx();
    plain = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    // as a browser reaches nginx: TLS, HTTP/2 chosen by ALPN (the test certificate is self-signed)
    secure = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true).setTrustAll(true)
      .setVerifyHost(false).setProtocolVersion(HttpVersion.HTTP_2));
  }

  @AfterAll
  static void stopNginxAndNodes() {
    try {
      if (vertx != null) {
        Await.result(vertx.close());
      }
      if (clients != null) {
        clients.close();
      }
    } finally {
      try {
        if (nginx != null) {
          nginx.close();
        }
      } finally {
        nodes.forEach(NodeProcess::close);
      }
    }
  }

  @Test
  void eachEventPassesThroughNginxAtOnce() {
    try (EventStream stream = connectThroughNginx(plain, nginx.httpPort(), "ada")) {
      assertEachEventArrivesAtOnce(stream);
    }
  }

  @Test
  void eachEventPassesThroughNginxOverTlsAndHttp2AtOnce() {
    try (EventStream stream = connectThroughNginx(secure, nginx.httpsPort(), "grace")) {
      assertEquals(HttpVersion.HTTP_2, stream.response().version(), "nginx should speak HTTP/2 on its TLS port");
      assertEachEventArrivesAtOnce(stream);
    }
  }

  /**
   * Two tabs, one on each node (nginx sends a new stream to the node holding fewer). The node of
   * the first dies; its tab reconnects through nginx, which prefers the now empty dead node and
   * must pass the request on to the live one: a browser given an error status instead (502) would
   * not reconnect again.
   */
  @Test
  @Order(Integer.MAX_VALUE) // it leaves one node dead; the others run first, with both up
  void aStreamWhoseNodeIsKilledReconnectsThroughNginxToTheOtherNode() {
    // the other tests' streams are gone from the nodes (nginx passes their closing on): the next ones are these
    Await.until("no stream open on any node", () -> streamsOn(nodes.get(0)) + streamsOn(nodes.get(1)) == 0);
    EventStream doomed = connectThroughNginx(plain, nginx.httpPort(), "linus");
    EventStream survivor = null;
    try {
      Await.until("the first tab shows on a node", () -> streamsOn(nodes.get(0)) + streamsOn(nodes.get(1)) == 1);
      NodeProcess dying = streamsOn(nodes.get(0)) == 1 ? nodes.get(0) : nodes.get(1);
      NodeProcess living = dying == nodes.get(0) ? nodes.get(1) : nodes.get(0);
      survivor = connectThroughNginx(plain, nginx.httpPort(), "linus");
      Await.until("the second tab shows on the other node", () -> streamsOn(living) == 1);

      long killed = System.nanoTime();
      dying.kill();
      doomed.awaitEnd();
      long ended = System.nanoTime();

      try (EventStream reconnected = reconnect("linus")) {
        long open = System.nanoTime();
        Await.until("both tabs on " + living.name(), () -> streamsOn(living) == 2);
        String text = "after " + dying.name() + " died";
        clients.send(nginx.httpPort(), "sender", text, null);
        for (EventStream tab : List.of(reconnected, survivor)) {
          tab.awaitEvent("'" + text + "' on a tab", e -> isMessage(e, text), Duration.ofSeconds(5));
        }
        System.out.printf("stream ended %d ms after the kill; new stream through nginx after another %d ms; "
          + "message received %d ms after the kill%n", millis(killed, ended), millis(ended, open),
          millis(killed, System.nanoTime()));
      }
    } finally {
      doomed.close();
      if (survivor != null) {
        survivor.close();
      }
    }
  }

  /** Five messages in a row, each received within {@link #AT_ONCE} of the start of its POST. */
  private static void assertEachEventArrivesAtOnce(EventStream stream) {
    // untimed: the test client's own first request (class loading, JIT) is not nginx's doing
    clients.send(nginx.httpPort(), "sender", "warm-up", null);
    stream.awaitEvent("'warm-up'", e -> isMessage(e, "warm-up"));
    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String text = "event " + i + " at once";
      long start = System.nanoTime();
      clients.send(nginx.httpPort(), "sender", text, null);
      Duration left = AT_ONCE.minusNanos(System.nanoTime() - start);
      stream.awaitEvent("'" + text + "' within " + AT_ONCE.toMillis() + " ms of its POST (nginx holds events back?)",
        e -> isMessage(e, text), left);
      latencies.add(millis(start, System.nanoTime()));
    }
    System.out.println("POST to event through nginx (" + stream.response().version() + "), ms: " + latencies);
  }

  private static EventStream connectThroughNginx(HttpClient client, int port, String user) {
    try {
      return EventStream.connect(client, port, user);
    } catch (AssertionError e) {
      throw new AssertionError("no stream with its welcome event through nginx on :" + port
        + " (does nginx hold the stream back?)\n" + nginx.logs(), e);
    }
  }

  /**
   * As a browser's EventSource does once its stream ends: open a new one, again after a pause if
   * the connection fails, but never after an HTTP error status, on which EventSource gives up.
   */
  private static EventStream reconnect(String user) {
    AssertionError last = null;
    for (int attempt = 1; attempt <= 10; attempt++) {
      EventStream stream;
      try {
        stream = EventStream.open(plain, nginx.httpPort(), "/sse?user=" + user);
      } catch (AssertionError e) {
        last = e;
        Await.pause(Duration.ofMillis(200));
        continue;
      }
      if (stream.status() != 200) {
        stream.close();
        throw new AssertionError("nginx answered the reconnecting stream with " + stream.status()
          + ": a browser would not reconnect again\n" + nginx.logs());
      }
      try {
        stream.awaitEvent("welcome on the new stream", e -> "welcome".equals(e.event()));
      } catch (AssertionError e) {
        stream.close();
        throw e;
      }
      System.out.println("reconnected through nginx at attempt " + attempt);
      return stream;
    }
    throw new AssertionError("no new stream through nginx in 10 attempts\n" + nginx.logs(), last);
  }

  private static int streamsOn(NodeProcess node) {
    return clients.get(node.httpPort(), "/health").bodyAsJsonObject().getInteger("streams");
  }

  private static boolean isMessage(SseEvent event, String text) {
    return EventStream.isChatMessage(event) && text.equals(new JsonObject(event.data()).getString("message"));
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }
}
