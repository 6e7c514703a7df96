package io.tidings.http;

import io.tidings.config.TidingsOptions;
import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body that does not arrive in full within --body-timeout-seconds: 408, and the connection is closed. */
class BodyTimeoutTest {

  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(new TidingsOptions().setBodyTimeoutSeconds(1));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static final String HEAD = "POST /sse/message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    + "Content-Length: 40\r\n\r\n";

  @Test
  void bodyThatStopsHalfWayIsAnswered408AndTheConnectionClosed() {
    assertTimedOut(HEAD + "{\"user\":\"alice\",");
  }

  @Test
  void headWithoutAnyBodyIsAnswered408AndTheConnectionClosed() {
    assertTimedOut(HEAD);
  }

  @Test
  void bodyThatArrivesInTimeIsStillAccepted() throws InterruptedException {
    String body = "{\"user\":\"alice\",\"message\":\"slow\"}";
    try (RawHttp http = RawHttp.connect(node.port())) {
      http.send("POST /sse/message HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body.substring(0, 10));
      Thread.sleep(300);
      RawHttp.Response response = http.send(body.substring(10)).read();
      assertEquals(200, response.status(), response.body());
    }
  }

  private static void assertTimedOut(String partialRequest) {
    try (RawHttp http = RawHttp.connect(node.port(), 5000)) {
      long started = System.nanoTime();
      RawHttp.Response response = http.send(partialRequest).read();
      long waitedMillis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(408, response.status(), response.body());
      assertTrue(waitedMillis >= 900 && waitedMillis < 4000, "answered after " + waitedMillis + " ms");
      assertEquals("close", response.header("connection"));
      assertTrue(response.header("content-type").startsWith("application/json"));
      assertTrue(response.json().getString("errorMessage").contains("did not arrive within 1 seconds"),
        response.body());
      assertTrue(http.closedByServer(), "the connection is closed after the 408");
    }
  }
}
