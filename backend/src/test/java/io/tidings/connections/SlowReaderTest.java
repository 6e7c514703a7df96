package io.tidings.connections;

import io.tidings.hub.Channel;
import io.tidings.bus.BusEvent;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.Metrics;
import io.tidings.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reader that stops reading is closed and counted; the others do not wait for it. */
class SlowReaderTest {

  private static final int EVENTS = 500;
  private static final String PAYLOAD = "x".repeat(16 * 1024);

  private TestNode node;
  private Vertx rawClientVertx;
  // held in fields: Vert.x 5 closes a client nothing references, with its connections, when the GC runs
  private io.vertx.core.http.HttpClient smallWindow;
  private io.vertx.core.net.NetClient rawClient;

  @AfterEach
  void stop() {
    if (rawClientVertx != null) {
      Await.result(rawClientVertx.close());
    }
    node.close();
  }

  @Test
  void aReaderThatFellBehindIsToldToReconnectAndResumesWithEverythingExactlyOnce() {
    node = TestNode.start(new TidingsOptions().setStreamQueueBytes(16 * 1024));
    rawClientVertx = Vertx.vertx();
    // a small receive window, so that a paused reader soon stops the server's writes
    smallWindow = rawClientVertx.createHttpClient(
      new io.vertx.core.http.HttpClientOptions().setReceiveBufferSize(4096));
    EventStream slow = EventStream.connect(smallWindow, node.port(), "slow");
    slow.response().pause();
    int events = 600;
    for (int i = 0; i < events; i++) {
      Await.result(node.tidings().services().hub().publish(Channel.EVERYONE, BusEvent.of("bulk", i + ":" + PAYLOAD)));
    }
    Await.until("the server gives up on the paused reader",
      () -> Metrics.value(node, "tidings_streams_slow_closed_total") == 1.0, Duration.ofSeconds(10));
    slow.response().resume();
    slow.awaitEnd();
    String lastId = slow.lastId();
    EventStream back = node.resume("slow", lastId);
    Await.until("the resumed stream catches up", () -> bulkIndexes(slow, back).size() >= events, Duration.ofSeconds(20));

    java.util.List<Integer> received = bulkIndexes(slow, back);
    assertEquals(java.util.stream.IntStream.range(0, events).boxed().toList(), received,
      "every event once, in order, across the cut");
    assertTrue(slow.events().stream().anyMatch(e -> "reconnect".equals(e.event())) || slow.count("bulk") < events,
      "the slow stream was told to reconnect, or cut before it could read that far");
  }

  private static java.util.List<Integer> bulkIndexes(EventStream... streams) {
    java.util.List<Integer> indexes = new java.util.ArrayList<>();
    for (EventStream stream : streams) {
      stream.events().stream().filter(e -> "bulk".equals(e.event()))
        .forEach(e -> indexes.add(Integer.parseInt(e.data().substring(0, e.data().indexOf(':')))));
    }
    return indexes;
  }

  @Test
  void stalledReaderIsClosedAndCountedWhileTheOthersReceiveEverything() {
    node = TestNode.start(new TidingsOptions().setStreamQueueBytes(16 * 1024));
    rawClientVertx = Vertx.vertx();

    // a client that sends its request and then never reads again: its TCP window fills up
    rawClient = rawClientVertx.createNetClient(new NetClientOptions().setReceiveBufferSize(4096));
    NetSocket stalled = Await.result(rawClient.connect(node.port(), "127.0.0.1"));
    AtomicBoolean stalledClosed = new AtomicBoolean();
    stalled.closeHandler(v -> stalledClosed.set(true));
    stalled.pause();
    Await.result(stalled.write(Buffer.buffer("GET /sse?user=stalled&presence=false HTTP/1.1\r\nHost: localhost\r\n\r\n")));
    Await.until("the stalled stream is open", () -> node.get("/health").bodyAsJsonObject().getInteger("streams") == 1);

    EventStream fast = node.connect("fast");
    long started = System.nanoTime();
    // paced to the healthy reader: each event goes out once it has the previous one, so if the
    // server ever waited on the stalled stream, the healthy one would stop receiving
    for (int i = 0; i < EVENTS; i++) {
      node.tidings().services().hub().publish(Channel.EVERYONE, BusEvent.of("bulk", i + ":" + PAYLOAD));
      int received = i + 1;
      Await.until("the healthy reader receives event " + i, () -> fast.count("bulk") == received, Duration.ofSeconds(5));
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    Await.until("the server drops the stalled stream",
      () -> node.get("/health").bodyAsJsonObject().getInteger("streams") == 1, Duration.ofSeconds(10));
    assertEquals(1.0, Metrics.value(node, "tidings_streams_slow_closed_total"));
    // a paused socket cannot see the close; once it reads again, it finds the connection gone
    stalled.resume();
    Await.until("the stalled client sees its connection closed", stalledClosed::get, Duration.ofSeconds(10));
    // ~8 MiB over loopback: seconds at most; a reader held back by the stalled one would never finish
    assertTrue(millis < 30_000, "took " + millis + " ms");
    fast.close();
  }
}
