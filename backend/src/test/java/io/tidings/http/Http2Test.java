package io.tidings.http;

import io.tidings.hub.Channel;
import io.tidings.bus.BusEvent;
import io.tidings.config.InternalPortOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.Metrics;
import io.tidings.support.Multiplexing;
import io.tidings.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cleartext HTTP/2 is off unless asked for; where on, a slow stream is reset alone, not its connection. */
class Http2Test {

  private static final String PAYLOAD = "x".repeat(4 * 1024);
  // the client connection preface, then an empty SETTINGS frame
  private static final byte[] PREFACE = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
    new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});

  private TestNode node;
  private Vertx clientVertx;

  @AfterEach
  void stop() {
    if (clientVertx != null) {
      Await.result(clientVertx.close());
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void byDefaultAPriorKnowledgeH2cRequestIsNotServedAsHttp2() throws Exception {
    node = TestNode.start();
    assertFalse(answersWithHttp2Settings(node.port()), "h2c must be off unless --h2c");
  }

  @Test
  void withH2cAPriorKnowledgeRequestIsServedAsHttp2() throws Exception {
    node = TestNode.start(new TidingsOptions().setH2c(true));
    assertTrue(answersWithHttp2Settings(node.port()));
  }

  @Test
  void slowStreamIsResetAloneWhileTheOtherStreamOnTheSameConnectionReceivesEverything() {
    node = TestNode.start(new TidingsOptions().setH2c(true).setStreamQueueBytes(16 * 1024));
    clientVertx = Vertx.vertx();
    HttpClient client = clientVertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
        // a small window per stream, so the paused one closes its window at once, and room on the
        // connection, so the paused one's unread bytes do not hold back the other
        .setInitialSettings(new Http2Settings().setInitialWindowSize(8 * 1024))
        .setHttp2ConnectionWindowSize(4 * 1024 * 1024),
      new PoolOptions().setHttp2MaxSize(1));

    RequestOptions slowRequest = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
      .setPort(node.port()).setURI("/sse?user=slow&presence=false");
    AtomicReference<Throwable> slowFailure = new AtomicReference<>();
    HttpClientRequest slowReq = Await.result(client.request(slowRequest));
    slowReq.exceptionHandler(slowFailure::set);
    HttpClientResponse slow = Await.result(slowReq.send());
    assertEquals(HttpVersion.HTTP_2, slow.version());
    slow.exceptionHandler(slowFailure::set);
    slow.handler(chunk -> { });
    slow.pause();
    Await.until("the slow stream is open", () -> node.get("/health").bodyAsJsonObject().getInteger("streams") == 1);

    EventStream fast = EventStream.open(client, node.port(), "/sse?user=fast&presence=false");
    fast.awaitEvent("welcome", e -> "welcome".equals(e.event()));
    assertSame(slowReq.connection(), fast.response().request().connection(), "both streams share one connection");

    int sent = 0;
    while (slowFailure.get() == null && sent < 400) {
      node.tidings().services().hub().publish(Channel.EVERYONE, BusEvent.of("bulk", sent + ":" + PAYLOAD));
      int received = ++sent;
      Await.until("the fast stream receives event " + (received - 1), () -> fast.count("bulk") == received,
        Duration.ofSeconds(5));
    }
    Await.until("the slow stream is reset", () -> slowFailure.get() != null, Duration.ofSeconds(5));
    assertTrue(sent < 400, "reset after " + sent + " events");
    // the connection lives on: the fast stream still receives
    node.tidings().services().hub().publish(Channel.EVERYONE, BusEvent.of("bulk", "after"));
    int expected = sent + 1;
    Await.until("the fast stream receives the event after the reset", () -> fast.count("bulk") == expected);
    assertFalse(fast.isEnded());
    assertEquals(1.0, Metrics.value(node, "tidings_streams_slow_closed_total"));
    Await.until("the node holds only the fast stream",
      () -> node.get("/health").bodyAsJsonObject().getInteger("streams") == 1);
    fast.close();
    // closed here, which also keeps it reachable till now: Vert.x closes a client once unreachable
    Await.result(client.close());
  }

  @Test
  void withH2cMoreThanSixStreamsShareOneCleartextHttp2Connection() {
    // metrics on the internal port, so that reading them opens no connection on the public one
    node = TestNode.start(new TidingsOptions().setH2c(true).setInternalPort(new InternalPortOptions().setPort(0)));
    clientVertx = Vertx.vertx();
    HttpClient client = clientVertx.createHttpClient(new HttpClientOptions()
      .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false), new PoolOptions().setHttp2MaxSize(1));
    List<EventStream> streams = Multiplexing.openManyAndBroadcast(client, node.port());
    assertEquals(1.0, Metrics.internalValue(node, "tidings_connections_open"),
      "one connection for all " + Multiplexing.STREAMS + " streams");
    streams.forEach(EventStream::close);
    // closed here, which also keeps it reachable till now: Vert.x closes a client once unreachable
    Await.result(client.close());
  }

  @Test
  void http2ConnectionsAreCountedAgainstTheCapAndUncountedWhenTheyClose() {
    node = TestNode.start(new TidingsOptions().setH2c(true));
    clientVertx = Vertx.vertx();
    for (boolean upgrade : new boolean[] {false, true}) {
      HttpClient client = clientVertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(upgrade));
      HttpClientResponse response = Await.result(client.request(HttpMethod.GET, node.port(), "127.0.0.1", "/health")
        .compose(req -> req.send()));
      assertEquals(HttpVersion.HTTP_2, response.version(), "upgrade " + upgrade);
      // the test's own metrics connection counts as one
      assertEquals(2.0, Metrics.value(node, "tidings_connections_open"), "upgrade " + upgrade);
      Await.result(client.close());
      Await.until("the closed connection is uncounted (upgrade " + upgrade + ")",
        () -> Metrics.value(node, "tidings_connections_open") == 1.0);
    }
  }

  /** Whether the server answers the HTTP/2 preface with a SETTINGS frame (type 4) rather than HTTP/1.1 or nothing. */
  private static boolean answersWithHttp2Settings(int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(3000);
      OutputStream out = socket.getOutputStream();
      out.write(PREFACE);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head;
      try {
        head = in.readNBytes(9);
      } catch (SocketTimeoutException | java.net.SocketException e) {
        return false;
      }
      assertNotNull(head);
      return head.length == 9 && head[3] == 4;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
