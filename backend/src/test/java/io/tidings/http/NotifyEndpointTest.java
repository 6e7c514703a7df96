package io.tidings.http;

import io.tidings.config.IdentityOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/notify}: backend services push their own event types with the publisher credential, and nobody else can. */
class NotifyEndpointTest {

  private static final String SECRET = "publisher-secret-of-at-least-32-bytes!";

  private TestNode node;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    node = TestNode.startAsConfigured(new TidingsOptions().setIdentity(new IdentityOptions().setPublisherSecret(SECRET)));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    node.close();
  }

  private HttpResponse<Buffer> notify(String bearer, String body) {
    var request = node.web().post("/api/notify").putHeader("Content-Type", "application/json");
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    return Await.result(request.sendBuffer(Buffer.buffer(body)));
  }

  @Test
  void aNotificationToOneUserArrivesAsItsOwnEventTypeAndIsKeptWhileTheyAreOffline() {
    String bob = node.token("bob");
    String carol = node.token("carol");
    EventStream carolStream = node.openAs(carol, "/sse").awaitWelcome();
    opened.add(carolStream);
    HttpResponse<Buffer> sent = notify(SECRET, new JsonObject().put("to", "bob").put("event", "invoice.paid")
      .put("data", new JsonObject().put("amount", 42)).encode());
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    assertEquals("user:bob", sent.bodyAsJsonObject().getString("channel"));
    // bob was offline: he gets it when he connects, with the rest of his history
    EventStream bobStream = node.openAs(bob, "/sse?history=10").awaitWelcome();
    opened.add(bobStream);
    var event = bobStream.awaitEvent("invoice.paid", e -> "invoice.paid".equals(e.event()));
    assertEquals(42, new JsonObject(event.data()).getInteger("amount"));
    HttpResponse<Buffer> everyone = notify(SECRET, new JsonObject().put("event", "deploy").put("data", "v2 is out").encode());
    assertEquals(200, everyone.statusCode(), everyone.bodyAsString());
    carolStream.awaitEvent("deploy", e -> "deploy".equals(e.event()) && e.data().equals("v2 is out"));
    assertFalse(carolStream.events().stream().anyMatch(e -> "invoice.paid".equals(e.event())));
  }

  @Test
  void aUsersOwnTokenCannotPublishAndNoCredentialIs401() {
    String alice = node.token("alice");
    String body = new JsonObject().put("event", "alert").put("data", "fake").encode();
    HttpResponse<Buffer> asUser = notify(alice, body);
    assertEquals(403, asUser.statusCode(), asUser.bodyAsString());
    assertEquals(401, notify(null, body).statusCode());
    assertEquals(401, notify(SECRET.substring(1), body).statusCode());
    assertEquals(401, notify(SECRET + "x", body).statusCode());
  }

  @Test
  void tidingsOwnEventTypesAndMalformedTypesAreRefused400() {
    for (String type : List.of("message", "welcome", "presence", "missed", "reconnect")) {
      HttpResponse<Buffer> answer = notify(SECRET, new JsonObject().put("event", type).put("data", "x").encode());
      assertEquals(400, answer.statusCode(), type);
      assertTrue(answer.bodyAsJsonObject().getString("errorMessage").contains("may not be '" + type + "'"));
    }
    for (String type : List.of("", "1abc", "has space", "line\nbreak", "x".repeat(65), "ünïcode")) {
      HttpResponse<Buffer> answer = notify(SECRET, new JsonObject().put("event", type).put("data", "x").encode());
      assertEquals(400, answer.statusCode(), type + " -> " + answer.bodyAsString());
    }
    assertEquals(400, notify(SECRET, "{\"event\":\"ok\"}").statusCode(), "data is required");
    assertEquals(400, notify(SECRET, "{\"event\":\"ok\",\"data\":1,\"to\":\"no one\"}").statusCode());
    assertEquals(400, notify(SECRET, "{\"event\":\"ok\",\"data\":1,\"extra\":true}").statusCode());
    assertEquals(400, notify(SECRET, "[]").statusCode());
  }

  @Test
  void thePublisherCredentialCannotOpenAStreamOrPostChat() {
    try (EventStream stream = node.openAs(SECRET, "/sse?user=alice")) {
      assertEquals(403, stream.status());
    }
    assertEquals(403, node.postAs(SECRET, new JsonObject().put("user", "alice").put("message", "hi")).statusCode());
  }
}
