package io.tidings.http.edge;

import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests sent back to back on one connection: answered in order, and a refusal never cuts into an answer. */
class PipeliningTest {

  private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void pipelinedRequestsAreAllAnsweredInOrderOnAnOpenConnection() {
    try (RawHttp raw = RawHttp.connect(node.port())) {
      raw.send(HEALTH + HEALTH + "GET /api/online HTTP/1.1\r\nHost: x\r\n\r\n");
      assertEquals("UP", raw.read().json().getString("status"));
      assertEquals("UP", raw.read().json().getString("status"));
      assertTrue(raw.read().json().containsKey("users"));
      raw.setReadTimeout(300);
      assertFalse(raw.closedByServer(), "a keep-alive connection was closed");
    }
  }

  @Test
  void refusalAfterAPipelinedRequestComesAfterItsAnswer() {
    try (RawHttp raw = RawHttp.connect(node.port())) {
      raw.send(HEALTH + "GET /health HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n\r\n" + HEALTH);
      assertEquals(200, raw.read().status());
      RawHttp.Response refused = raw.read();
      assertEquals(400, refused.status(), refused.body());
      assertTrue(refused.json().getString("errorMessage").contains("line folding"));
      String rest = raw.readRest();
      assertFalse(rest.contains("HTTP/1.1"), "a request after the refused one was answered: " + rest);
    }
  }

  @Test
  void malformedChunkAfterAPipelinedRequestIsAnsweredAfterItsAnswer() {
    try (RawHttp raw = RawHttp.connect(node.port())) {
      raw.send(HEALTH + "POST /sse/message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n");
      assertEquals(200, raw.read().status());
      RawHttp.Response refused = raw.read();
      assertEquals(400, refused.status(), refused.body());
      assertTrue(refused.json().getString("errorMessage").contains("chunk size"), refused.body());
      assertTrue(raw.closedByServer());
    }
  }
}
