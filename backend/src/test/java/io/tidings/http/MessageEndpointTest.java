package io.tidings.http;

import io.tidings.config.TidingsOptions;
import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /sse/message}: what it accepts, and for everything else a status and a JSON reason. */
class MessageEndpointTest {

  private TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private TestNode start() {
    return start(new TidingsOptions());
  }

  private TestNode start(TidingsOptions options) {
    node = TestNode.start(options);
    return node;
  }

  // ---- accepted ----

  @Test
  void validMessageIsAcceptedWithSucceededMessageAndAnId() {
    start();
    HttpResponse<Buffer> response = node.post(new JsonObject().put("user", "alice").put("message", "hello"));

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertJson(response);
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(Boolean.TRUE, body.getBoolean("succeeded"));
    assertEquals("OK", body.getString("message"));
    assertNotNull(body.getString("id"));
    assertFalse(body.getString("id").isEmpty());
  }

  @Test
  void twoAcceptedMessagesGetDifferentIds() {
    start();
    String first = node.send("alice", "one", null);
    String second = node.send("alice", "two", null);
    assertNotEquals(first, second);
  }

  // ---- body shape ----

  @Test
  void malformedJsonIsRefusedWith400() {
    start();
    assertRefused(node.postRaw("application/json", "{\"user\": \"alice\", \"message\": "), 400, "malformed JSON");
    assertStillAccepts();
  }

  @Test
  void malformedJsonErrorSaysWhereAndWhyWithoutParserInternals() {
    start();
    String error = node.postRaw("application/json", "{\"user\": \"alice\"").bodyAsJsonObject().getString("errorMessage");
    assertEquals("malformed JSON: Unexpected end-of-input: expected close marker for Object (line 1, column 17)", error);
  }

  @Test
  void bodyThatIsNotUtf8IsRefusedWith400NamingTheByteOffset() {
    start();
    byte[] prefix = "{\"user\":\"alice\",\"message\":\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Buffer body = Buffer.buffer(prefix).appendByte((byte) 0xC3).appendString("(\"}");
    HttpResponse<Buffer> response = io.tidings.support.Await.result(node.web().post("/sse/message")
      .putHeader("Content-Type", "application/json").sendBuffer(body));
    assertRefused(response, 400, "not valid UTF-8 (at byte offset " + prefix.length + ")");
    assertStillAccepts();
  }

  @Test
  void duplicateKeyIsRefusedWith400NamingItSoADirectMessageCannotTurnIntoABroadcast() {
    start();
    EventStream bob = node.connect("bob");
    EventStream carol = node.connect("carol");
    assertRefused(node.postRaw("application/json",
      "{\"user\":\"alice\",\"message\":\"x\",\"to\":\"bob\",\"to\":null}"), 400, "Duplicate field 'to'");
    assertRefused(node.postRaw("application/json",
      "{\"user\":\"alice\",\"user\":\"mallory\",\"message\":\"x\"}"), 400, "'user'");
    node.send("alice", "after", null);
    carol.awaitMessage("after");
    // messages are delivered in order: the refused duplicates, sent before, never went out
    assertEquals(1, carol.messages().size(), carol.messages().toString());
    bob.close();
    carol.close();
  }

  @Test
  void deeplyNestedJsonIsRefusedWith400WithoutParserInternals() {
    start();
    String deep = "{\"user\":\"alice\",\"message\":\"x\",\"extra\":" + "[".repeat(40) + "]".repeat(40) + "}";
    HttpResponse<Buffer> response = node.postRaw("application/json", deep);
    assertRefused(response, 400, "nested deeper than 16 levels");
    String reason = response.bodyAsJsonObject().getString("errorMessage");
    assertFalse(reason.contains("StreamReadConstraints") || reason.contains("REDACTED"), reason);
    // 15 levels inside the object are still fine
    assertEquals(200, node.postRaw("application/json", "{\"user\":\"alice\",\"message\":\"x\",\"extra\":"
      + "[".repeat(15) + "]".repeat(15) + "}").statusCode());
  }

  @Test
  void commentsAndTrailingValuesAreNotJson() {
    start();
    assertRefused(node.postRaw("application/json", "{\"user\":\"alice\",/*c*/\"message\":\"x\"}"), 400,
      "malformed JSON");
    assertRefused(node.postRaw("application/json", "{\"user\":\"alice\",\"message\":\"x\"} {}"), 400,
      "malformed JSON");
  }

  @Test
  void jsonArrayInsteadOfObjectIsRefusedWith400() {
    start();
    assertRefused(node.postRaw("application/json", "[1]"), 400, "JSON object");
    assertStillAccepts();
  }

  @Test
  void jsonStringInsteadOfObjectIsRefusedWith400() {
    start();
    assertRefused(node.postRaw("application/json", "\"x\""), 400, "JSON object");
    assertStillAccepts();
  }

  @Test
  void textPlainContentTypeIsRefusedWith415() {
    start();
    assertRefused(node.postRaw("text/plain", "{\"user\":\"alice\",\"message\":\"hi\"}"), 415, "Content-Type");
    assertStillAccepts();
  }

  @Test
  void jsonMediaTypeIsRecognisedWhateverItsCaseAndParameters() {
    start();
    for (String type : new String[] {"application/json", "Application/JSON", "application/json; charset=utf-8",
      "APPLICATION/JSON;charset=UTF-8"}) {
      assertEquals(200, node.postRaw(type, "{\"user\":\"alice\",\"message\":\"hi\"}").statusCode(), type);
    }
    assertRefused(node.postRaw("application/jsonp", "{\"user\":\"alice\",\"message\":\"hi\"}"), 415, "Content-Type");
  }

  @Test
  void missingContentTypeIsRefusedWith415() {
    start();
    assertRefused(node.postRaw(null, "{\"user\":\"alice\",\"message\":\"hi\"}"), 415, "Content-Type");
    assertStillAccepts();
  }

  @Test
  void bodyOverTheSizeLimitIsRefusedWith413() {
    start(new TidingsOptions().setMaxBodyBytes(1024));
    String body = new JsonObject().put("user", "alice").put("message", "x".repeat(1971)).encode();
    assertEquals(2000, body.length(), "the test body is 2000 bytes");

    assertRefused(node.postRaw("application/json", body), 413, "1024");
    assertStillAccepts();
  }

  // ---- user ----

  @Test
  void missingUserIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("message", "hi")), 400, "'user' is required");
    assertStillAccepts();
  }

  @Test
  void userThatIsNotAStringIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", 42).put("message", "hi")), 400, "'user' must be a string");
    assertStillAccepts();
  }

  @Test
  void userNameWithASpaceIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "bad name").put("message", "hi")), 400,
      "'user' is not a valid user name");
    assertStillAccepts();
  }

  @Test
  void userNameOf33CharactersIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "a".repeat(33)).put("message", "hi")), 400,
      "'user' is not a valid user name");
    // 32 is still a name
    assertEquals(200, node.post(new JsonObject().put("user", "a".repeat(32)).put("message", "hi")).statusCode());
  }

  @Test
  void userNameWithMarkupIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "<script>").put("message", "hi")), 400,
      "'user' is not a valid user name");
    assertStillAccepts();
  }

  // ---- message ----

  @Test
  void missingMessageIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "alice")), 400, "'message' is required");
    assertStillAccepts();
  }

  @Test
  void messageThatIsNotAStringIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "alice").put("message", new JsonObject().put("a", 1))), 400,
      "'message' must be a string");
    assertStillAccepts();
  }

  @Test
  void emptyMessageIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "alice").put("message", "")), 400,
      "'message' must not be empty");
    assertStillAccepts();
  }

  @Test
  void whitespaceOnlyMessageIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "alice").put("message", " \t\n ")), 400,
      "'message' must not be empty");
    assertStillAccepts();
  }

  @Test
  void messageLengthCountsCodePointsAndOverTheLimitIsRefusedWithTheLimit() {
    start(new TidingsOptions().setMaxMessageLength(10));
    String tenEmoji = "\uD83D\uDE00".repeat(10); // 20 UTF-16 chars, 10 characters
    HttpResponse<Buffer> accepted = node.post(new JsonObject().put("user", "alice").put("message", tenEmoji));
    assertEquals(200, accepted.statusCode(), accepted.bodyAsString());

    HttpResponse<Buffer> refused = node.post(new JsonObject().put("user", "alice").put("message", "abcdefghijk"));
    assertRefused(refused, 400, "'message'");
    assertTrue(refused.bodyAsJsonObject().getString("errorMessage").contains("limit is 10"),
      refused.bodyAsString());
    assertStillAccepts();
  }

  @Test
  void messageWithALoneSurrogateIsRefusedWith400() {
    start();
    // the JSON escape \uD800 decodes to half of a surrogate pair: not a character
    assertRefused(node.postRaw("application/json", "{\"user\":\"alice\",\"message\":\"\\uD800\"}"), 400,
      "'message' is not valid Unicode");
    assertStillAccepts();
  }

  // ---- to ----

  @Test
  void recipientWithAnInvalidNameIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "alice").put("message", "hi").put("to", "bad name")), 400,
      "'to' is not a valid user name");
    assertStillAccepts();
  }

  @Test
  void recipientThatIsNotAStringIsRefusedWith400() {
    start();
    assertRefused(node.post(new JsonObject().put("user", "alice").put("message", "hi").put("to", 7)), 400, "'to'");
    assertStillAccepts();
  }

  @Test
  void directMessageToAUserNotOnlineIsKeptForThemAndTheSenderIsToldTheyAreOffline() {
    start();
    EventStream sender = node.connect("alice");
    EventStream observer = node.connect("carol");

    HttpResponse<Buffer> response = node.post(new JsonObject().put("user", "alice").put("message", "for dave")
      .put("to", "dave"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertFalse(response.bodyAsJsonObject().getBoolean("recipientOnline"));
    sender.awaitMessage("for dave");

    // dave arrives later and asks for the recent conversation
    EventStream dave = node.open("/sse?user=dave&history=10");
    JsonObject kept = dave.awaitMessage("for dave");
    assertEquals("alice", kept.getString("user"));
    node.send("alice", "marker", null);
    observer.awaitMessage("marker");
    assertTrue(observer.messages().stream().noneMatch(m -> "for dave".equals(m.getString("message"))),
      "a direct message reaches only its recipient and its sender");
    HttpResponse<Buffer> online = node.post(new JsonObject().put("user", "alice").put("message", "again").put("to", "dave"));
    assertTrue(online.bodyAsJsonObject().getBoolean("recipientOnline"));
  }

  // ---- other methods and paths ----

  @Test
  void getOnTheMessageEndpointIsRefusedWith405() {
    start();
    assertRefused(node.get("/sse/message"), 405, "not allowed");
  }

  @Test
  void unknownPathIsAnsweredWith404Json() {
    start();
    assertRefused(node.get("/no/such/thing"), 404, "/no/such/thing");
  }

  @Test
  void streamRequestWithAnInvalidUserIsAnswered400AndEnds() {
    start();
    // node.get returns only once the whole response has arrived: the connection did not stay open
    assertRefused(node.get("/sse?user=bad%20name"), 400, "'user' is not a valid user name");
    assertRefused(node.get("/sse"), 400, "'user' is required");
    assertRefused(node.get("/sse?user=alice&presence=maybe"), 400, "'presence'");
    assertEquals(0, node.get("/health").bodyAsJsonObject().getInteger("streams"), "no stream was left open");
  }

  // ---- helpers ----

  private static void assertRefused(HttpResponse<Buffer> response, int status, String reasonFragment) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertJson(response);
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(Boolean.FALSE, body.getBoolean("succeeded"), body.encode());
    String reason = body.getString("errorMessage");
    assertNotNull(reason, body.encode());
    assertTrue(reason.contains(reasonFragment), "errorMessage '" + reason + "' should mention " + reasonFragment);
  }

  private static void assertJson(HttpResponse<Buffer> response) {
    String type = response.getHeader("Content-Type");
    assertNotNull(type, "Content-Type");
    assertTrue(type.startsWith("application/json"), type);
  }

  private void assertStillAccepts() {
    HttpResponse<Buffer> response = node.post(new JsonObject().put("user", "alice").put("message", "after"));
    assertEquals(200, response.statusCode(), "a valid message after the refused one: " + response.bodyAsString());
  }
}
