package io.tidings.http.edge;

import io.tidings.config.TidingsOptions;
import io.tidings.support.EventStream;
import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that sends its head slowly, or nothing at all, loses its connection (header timeout 1 s,
 * idle timeout 3 s here), while a stream that only receives heartbeats (every 1 s) stays open.
 */
class TimeoutTest {

  private static final int HEADER_MILLIS = 1000;
  private static final int IDLE_MILLIS = 3000;
  /** Generous slack for a loaded machine; still well under the read timeout. */
  private static final int SLACK_MILLIS = 1500;

  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(new TidingsOptions().setHeaderTimeoutSeconds(HEADER_MILLIS / 1000)
      .setIdleTimeoutSeconds(IDLE_MILLIS / 1000).setHeartbeatSeconds(1));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void silentConnectionIsClosedWithoutAnAnswerAfterTheHeaderTimeout() {
    try (RawHttp raw = RawHttp.connect(node.port(), HEADER_MILLIS + SLACK_MILLIS)) {
      long started = System.nanoTime();
      assertEquals("", raw.readRest());
      long elapsed = (System.nanoTime() - started) / 1_000_000;
      assertTrue(elapsed < HEADER_MILLIS + SLACK_MILLIS, "closed after " + elapsed + " ms, or not at all");
      assertTrue(elapsed >= HEADER_MILLIS - 200, "closed early, after " + elapsed + " ms");
    }
  }

  @Test
  void halfSentRequestLineIsAnswered408AndClosed() {
    assertTimedOut("GET /hea");
  }

  @Test
  void halfSentHeadersAreAnswered408AndClosed() {
    assertTimedOut("GET /health HTTP/1.1\r\nHost: x\r\nAccept: application/");
  }

  @Test
  void laterRequestOnAKeptAliveConnectionIsTimedFromItsFirstByte() throws InterruptedException {
    try (RawHttp raw = RawHttp.connect(node.port(), HEADER_MILLIS + SLACK_MILLIS)) {
      assertEquals(200, raw.exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").status());
      // past the header timeout, still within the idle one: the connection waits for the next request
      Thread.sleep(HEADER_MILLIS + 300);
      assertEquals(200, raw.exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").status());
      raw.send("GET /health HTTP/1.1\r\n");
      RawHttp.Response response = raw.read();
      assertEquals(408, response.status(), response.body());
      assertTrue(raw.closedByServer());
    }
  }

  @Test
  void emptyLinesAfterARequestDoNotStartTheHeaderTimeout() throws InterruptedException {
    try (RawHttp raw = RawHttp.connect(node.port(), HEADER_MILLIS + SLACK_MILLIS)) {
      assertEquals(200, raw.exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n\r\n").status());
      Thread.sleep(HEADER_MILLIS + 300);
      assertEquals(200, raw.exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").status());
    }
  }

  @Test
  void idleKeptAliveConnectionIsClosedAfterTheIdleTimeout() {
    try (RawHttp raw = RawHttp.connect(node.port(), IDLE_MILLIS + SLACK_MILLIS)) {
      assertEquals(200, raw.exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").status());
      long started = System.nanoTime();
      assertTrue(raw.closedByServer(), "an idle connection stayed open");
      long elapsed = (System.nanoTime() - started) / 1_000_000;
      assertTrue(elapsed >= IDLE_MILLIS - 500, "closed after " + elapsed + " ms, before the idle timeout");
    }
  }

  @Test
  void streamReceivingOnlyHeartbeatsOutlivesBothTimeouts() throws InterruptedException {
    try (EventStream stream = node.connect("ann")) {
      Thread.sleep(IDLE_MILLIS + SLACK_MILLIS);
      assertFalse(stream.isEnded(), "the stream was closed");
      assertTrue(stream.raw().contains(":\n"), "no heartbeat arrived: " + stream.raw());
    }
  }

  @Test
  void idleTimeoutNotLongerThanTheHeartbeatIsRefusedAtStart() {
    Throwable refused = assertThrows(Throwable.class, () -> TestNode.start(new TidingsOptions().setHeartbeatSeconds(15)
      .setIdleTimeoutSeconds(15)).close());
    assertTrue(String.valueOf(refused.getMessage()).contains("must be longer than the heartbeat"), refused.toString());
  }

  private static void assertTimedOut(String partial) {
    try (RawHttp raw = RawHttp.connect(node.port(), HEADER_MILLIS + SLACK_MILLIS)) {
      long started = System.nanoTime();
      RawHttp.Response response = raw.send(partial).read();
      long elapsed = (System.nanoTime() - started) / 1_000_000;
      assertEquals(408, response.status(), response.body());
      assertEquals(Boolean.FALSE, response.json().getBoolean("succeeded"));
      assertTrue(response.json().getString("errorMessage").contains("not complete within 1 s"), response.body());
      assertEquals("close", response.header("Connection"));
      assertTrue(elapsed < HEADER_MILLIS + SLACK_MILLIS, "answered after " + elapsed + " ms");
      assertTrue(raw.closedByServer());
    }
  }
}
