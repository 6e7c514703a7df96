package io.tidings.http;

import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /sse}: headers, first bytes, heartbeat, and refusals that never leave a stream open. */
class StreamEndpointTest {

  private TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void streamOpensWithEventStreamHeadersAndSendsItsFirstBytesAtOnce() {
    node = TestNode.start();
    try (EventStream stream = node.open("/sse?user=alice")) {
      assertEquals(200, stream.status());
      assertEquals("text/event-stream; charset=utf-8", stream.response().getHeader("Content-Type"));
      assertEquals("no-cache", stream.response().getHeader("Cache-Control"));
      assertEquals("no", stream.response().getHeader("X-Accel-Buffering"));
      // no message was sent: what arrives is the opening itself
      Await.until("the retry field and the welcome event arrive", () -> stream.raw().startsWith("retry: 2000\n")
        && stream.events().stream().anyMatch(e -> "welcome".equals(e.event())), Duration.ofSeconds(2));
      JsonObject welcome = new JsonObject(stream.events().stream().filter(e -> "welcome".equals(e.event()))
        .findFirst().orElseThrow().data());
      assertEquals("alice", welcome.getString("user"));
    }
  }

  @Test
  void idleStreamGetsAHeartbeatCommentAtTheConfiguredInterval() {
    node = TestNode.start(new TidingsOptions().setHeartbeatSeconds(1));
    try (EventStream stream = node.connect("alice")) {
      Await.until("a heartbeat comment arrives", () -> stream.raw().contains("\n:\n"), Duration.ofSeconds(5));
      assertFalse(stream.isEnded());
    }
  }

  @Test
  void missingOrInvalidUserNameIsRefusedWith400AndNoStream() {
    node = TestNode.start();
    String[] queries = {"/sse", "/sse?user=", "/sse?user=has%20space", "/sse?user=" + "x".repeat(33),
      "/sse?user=%3Cscript%3E", "/sse?user=alice&presence=maybe"};
    for (String query : queries) {
      HttpResponse<Buffer> response = node.get(query);
      assertEquals(400, response.statusCode(), query);
      assertTrue(response.getHeader("Content-Type").startsWith("application/json"), query);
      JsonObject body = response.bodyAsJsonObject();
      assertEquals(false, body.getBoolean("succeeded"), query);
      assertFalse(body.getString("errorMessage").isBlank(), query);
    }
    assertTrue(node.get("/sse").bodyAsJsonObject().getString("errorMessage").contains("'user' is required"));
    assertTrue(node.get("/sse?user=a%20b").bodyAsJsonObject().getString("errorMessage").contains("letters, digits"));
    assertEquals(0, node.get("/health").bodyAsJsonObject().getInteger("streams"), "no stream stayed open");
  }

  @Test
  void nameOfExactlyThirtyTwoAllowedCharactersIsAccepted() {
    node = TestNode.start();
    String name = "Ab0_-." + "z".repeat(26);
    try (EventStream stream = node.connect(name)) {
      assertEquals(200, stream.status());
    }
  }

  @Test
  void clientThatClosesItsStreamIsForgotten() {
    node = TestNode.start();
    EventStream stream = node.connect("alice");
    assertEquals(1, node.get("/health").bodyAsJsonObject().getInteger("streams"));
    stream.close();
    Await.until("the server notices the closed stream",
      () -> node.get("/health").bodyAsJsonObject().getInteger("streams") == 0);
  }
}
