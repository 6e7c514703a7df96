package io.tidings.http;

import io.tidings.config.TidingsOptions;
import io.tidings.support.EventStream;
import io.tidings.support.HostileInput;
import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static io.tidings.support.HostileInput.assertAnsweredProperly;
import static io.tidings.support.HostileInput.hostileText;
import static io.tidings.support.HostileInput.isValidUtf8;
import static io.tidings.support.HostileInput.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile input at the HTTP edges of an open node, sent over raw sockets: whatever
 * arrives, the answer is a 2xx of the right kind or a 4xx with the JSON error shape, never a 5xx,
 * a silent close or a hang. About 8,700 requests a run: queries, headers and message bodies,
 * forged Last-Event-IDs, and messages over a live stream. Session claims, credentials and
 * notifications are in {@code identity.HostileCredentialProperties}; the encoder's own round trip
 * is in {@code sse.SseEncoderProperties}.
 */
class HostileInputProperties {

  private static TestNode node;
  private static EventStream watcher;

  @BeforeContainer
  static void start() {
    node = TestNode.start(new TidingsOptions());
    // kept in someone else's channel: no id may ever replay it to mallory
    node.send("alice", "secret for bob", "bob");
    node.send("alice", "public", null);
  }

  @AfterContainer
  static void stop() {
    if (watcher != null) {
      watcher.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Provide
  Arbitrary<String> query() {
    Arbitrary<String> name = Arbitraries.of("user", "presence", "offset", "limit", "lastEventId", "history", "", "user[]",
      "%75ser");
    Arbitrary<String> pair = Combinators.combine(name, hostileText()).as((n, v) -> n + "=" + v);
    return pair.list().ofMinSize(1).ofMaxSize(4).map(pairs -> String.join("&", pairs));
  }

  @Property(tries = 2500)
  void anyQueryOnAnyGetEndpointIsAnsweredWithoutA5xx(@ForAll("query") String query,
                                                    @ForAll("getPath") String path) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(wire("GET " + path + "?"));
    request.writeBytes(wire(query));
    request.writeBytes(wire(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    assertAnsweredProperly(node, request.toByteArray());
  }

  /** Ids as a forger would write them: our shape with other tags, numbers, separators and lengths. */
  @Provide
  Arbitrary<String> forgedId() {
    Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789abcdefghijklmnopqrstuvwxyz")
      .ofMinLength(0).ofMaxLength(14), Arbitraries.of("-1", "0", "zzzzzzzzzzzz", "9999999999999"));
    Arbitrary<String> entry = Combinators.combine(Arbitraries.of("a", "u", "r", "x", "", "au"), number, number)
      .as((tag, epoch, seq) -> tag + "." + epoch + "." + seq);
    return Arbitraries.oneOf(
      entry.list().ofMinSize(1).ofMaxSize(4).map(entries -> String.join("_", entries)),
      // never empty: an empty id is what a client holds before its first event, a fresh start
      Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(300));
  }

  @Property(tries = 300)
  void anyLastEventIdOpensTheUsersOwnStreamWithItsWelcomeFirstAndNoOneElsesEvents(@ForAll("forgedId") String id) {
    RawHttp.Response head;
    try (RawHttp connection = RawHttp.connect(node.port(), 5000)) {
      connection.send("GET /sse?user=mallory&presence=false HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: " + id
        + "\r\n\r\n");
      head = connection.readHead();
      assertEquals(200, head.status(), id);
      // chunked: the first chunk is the retry line, then the welcome with an id, then perhaps missed and the kept events
      String opening = connection.readUntil("\"public\"", 64 * 1024);
      int welcome = opening.indexOf("event: welcome");
      assertTrue(welcome > 0 && opening.lastIndexOf("id: ", welcome) > 0, "the welcome, with its id, first: " + opening);
      assertFalse(opening.contains("secret"), "another user's direct message after id " + id + ": " + opening);
    }
  }

  @Provide
  Arbitrary<String> getPath() {
    return Arbitraries.of("/sse", "/api/online", "/health", "/", "/sse/message", "/%zz", "/sse%", "/api/%");
  }

  @Provide
  Arbitrary<String> headerName() {
    return Arbitraries.oneOf(
      Arbitraries.of("X-Test", "Last-Event-ID", "Content-Type", "Accept", "Origin", "Cookie", "Authorization",
        "Content-Length", "Transfer-Encoding", "Expect", "Host", "Connection", ""),
      Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(20));
  }

  @Property(tries = 2500)
  void anyHeaderIsAnsweredWithoutA5xx(@ForAll("headerName") String name, @ForAll("headerValue") byte[] value,
                                      @ForAll("getPath") String path) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(wire("GET " + path + "?user=ann HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
      + name + ": "));
    request.writeBytes(value);
    request.writeBytes(wire("\r\n\r\n"));
    assertAnsweredProperly(node, request.toByteArray());
  }

  @Provide
  Arbitrary<byte[]> headerValue() {
    return Arbitraries.oneOf(
      hostileText().map(HostileInput::wire),
      Arbitraries.bytes().array(byte[].class).ofMaxSize(30),
      Arbitraries.of("chunked", "xchunked", "gzip, chunked", "100-continue", "-1", "99999999999999999999", "1, 2",
        "text/event-stream", "application/json; charset=utf-8").map(HostileInput::wire));
  }

  @Provide
  Arbitrary<byte[]> messageBody() {
    Arbitrary<Object> value = Arbitraries.oneOf(
      hostileText().map(s -> (Object) s),
      Arbitraries.of("ann", "bob", "nobody-here", "a".repeat(33), "").map(s -> (Object) s),
      Arbitraries.integers().map(i -> (Object) i),
      Arbitraries.just(null),
      Arbitraries.of(true, false).map(b -> (Object) b),
      Arbitraries.just(new JsonObject().put("nested", new JsonObject().put("deeper", 1))));
    Arbitrary<String> json = Combinators.combine(value, value, value, Arbitraries.of(0, 1, 2))
      .as((user, message, to, shape) -> {
        JsonObject object = new JsonObject().put("user", user).put("message", message);
        if (shape == 1) {
          object.put("to", to);
        }
        String encoded = object.encode();
        // a duplicate key, which must be refused rather than silently win
        return shape == 2 ? encoded.substring(0, encoded.length() - 1) + ",\"to\":\"bob\",\"to\":null}" : encoded;
      });
    return Arbitraries.oneOf(
      json.map(HostileInput::wire),
      hostileText().map(HostileInput::wire),
      Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
      Arbitraries.integers().between(1, 200).map(depth -> wire("[".repeat(depth) + "]".repeat(depth))));
  }

  @Property(tries = 3000)
  void anyMessageBodyIsAnsweredWithoutA5xx(@ForAll("messageBody") byte[] body,
                                          @ForAll("contentType") String contentType) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(wire("POST /sse/message HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
      + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n"));
    request.writeBytes(body);
    RawHttp.Response response = assertAnsweredProperly(node, request.toByteArray());
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (!isValidUtf8(body) || text.contains("\"to\":\"bob\",\"to\":null")) {
      // a body that could mean two things is refused, never read one way
      assertTrue(response.status() >= 400, "accepted: " + text);
    }
    if (response.status() == 200) {
      assertTrue(response.json().getBoolean("succeeded"), response.body());
      assertNotNull(response.json().getString("id"), response.body());
    }
  }


  @Provide
  Arbitrary<String> contentType() {
    return Arbitraries.of("application/json", "application/json; charset=utf-8", "Application/JSON", "text/plain",
      "application/json; charset=latin1", "");
  }

  /**
   * Over a live stream: any text a user may send arrives byte-identical, as one event, and the
   * stream stays usable for the next one.
   */
  @Property(tries = 400)
  void anyAcceptedMessageArrivesIntactOnALiveStream(@ForAll("eventData") String text) {
    if (text.isBlank()) {
      return;
    }
    if (watcher == null) {
      watcher = node.connect("watcher");
    }
    String id = node.send("poster", text, "watcher");
    JsonObject received = new JsonObject(watcher.awaitEvent("message " + id,
      e -> EventStream.isChatMessage(e) && id.equals(new JsonObject(e.data()).getString("id"))).data());
    assertEquals(text, received.getString("message"));
  }


  @Provide
  Arbitrary<String> eventData() {
    return HostileInput.eventData();
  }
}
