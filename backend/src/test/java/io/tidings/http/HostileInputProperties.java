package io.tidings.http;

import io.tidings.config.TidingsOptions;
import io.tidings.support.EventStream;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile input at every HTTP edge, sent over raw sockets to a real node: whatever
 * arrives, the answer is a 2xx of the right kind or a 4xx with the JSON error shape, never a 5xx,
 * a silent close or a hang. About 8,000 requests and 11,000 cases a run.
 */
class HostileInputProperties {

  private static TestNode node;

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
    node.close();
  }

  /** Characters that break decoders: percent signs and half escapes, separators, controls, non-ASCII, digits of other scripts. */
  private static Arbitrary<String> hostileText() {
    Arbitrary<Character> tricky = Arbitraries.of('%', '%', 'z', 'Z', '0', 'f', 'F', '&', '=', '+', ';', '#', '?', '/',
      '\\', '.', '-', '_', ' ', '"', '\'', '<', '>', '{', '}', '\t', '\u0000', '\u007f', 'é', '١', '٣', '日', '\uffff',
      '\ud83c', '\udf0d', 'a', 'b', '1');
    return Arbitraries.oneOf(
      tricky.list().ofMaxSize(40).map(HostileInputProperties::join),
      Arbitraries.strings().all().ofMaxLength(40),
      Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40));
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder(chars.size());
    chars.forEach(out::append);
    return out.toString();
  }

  /** Raw bytes as they go on the wire: the text's UTF-8 bytes, lone surrogates and all (as '?'). */
  private static byte[] wire(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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
    assertAnsweredProperly(request.toByteArray());
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
    assertAnsweredProperly(request.toByteArray());
  }

  @Provide
  Arbitrary<byte[]> headerValue() {
    return Arbitraries.oneOf(
      hostileText().map(HostileInputProperties::wire),
      Arbitraries.bytes().array(byte[].class).ofMaxSize(30),
      Arbitraries.of("chunked", "xchunked", "gzip, chunked", "100-continue", "-1", "99999999999999999999", "1, 2",
        "text/event-stream", "application/json; charset=utf-8").map(HostileInputProperties::wire));
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
      json.map(HostileInputProperties::wire),
      hostileText().map(HostileInputProperties::wire),
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
    RawHttp.Response response = assertAnsweredProperly(request.toByteArray());
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

  private static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<String> contentType() {
    return Arbitraries.of("application/json", "application/json; charset=utf-8", "Application/JSON", "text/plain",
      "application/json; charset=latin1", "");
  }

  private static RawHttp.Response assertAnsweredProperly(byte[] request) {
    try (RawHttp connection = RawHttp.connect(node.port(), 5000)) {
      connection.send(request);
      RawHttp.Response response = connection.readHead();
      String context = new String(request, StandardCharsets.ISO_8859_1) + " -> " + response.status();
      assertTrue(response.status() < 500 || response.status() == 501 && isTransferCodingRefusal(request), context);
      String type = response.header("content-type");
      if (response.status() == 200 && type != null && type.startsWith("text/event-stream")) {
        return response;
      }
      response = readRest(connection, response);
      if (response.status() >= 400) {
        assertNotNull(type, "an error without a Content-Type: " + context);
        assertTrue(type.startsWith("application/json"), "error is not JSON: " + type + " " + context);
        JsonObject error = response.json();
        assertFalse(error.getBoolean("succeeded"), context);
        String message = error.getString("errorMessage");
        assertNotNull(message, context);
        assertFalse(message.isBlank(), context);
        assertFalse(message.contains("Exception") || message.contains("at io.") || message.contains("com.fasterxml"),
          "error text leaks internals: " + message);
      }
      return response;
    }
  }

  // readHead consumed the head; read the body by its Content-Length
  private static RawHttp.Response readRest(RawHttp connection, RawHttp.Response head) {
    String length = head.header("content-length");
    if (length == null || Integer.parseInt(length) == 0) {
      return head;
    }
    return new RawHttp.Response(head.status(), head.headers(), connection.readBody(Integer.parseInt(length)));
  }

  private static boolean isTransferCodingRefusal(byte[] request) {
    String text = new String(request, StandardCharsets.ISO_8859_1).toLowerCase();
    return text.contains("transfer-encoding");
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

  private static EventStream watcher;

  /** The wire format: whatever the text, type and id, the bytes parse back as exactly that one event. */
  @Property(tries = 3000)
  void everyEncodedEventParsesBackAsExactlyThatEvent(@ForAll("fieldValue") String event, @ForAll("fieldValue") String id,
                                                    @ForAll("eventData") String data) {
    String encoded = io.tidings.sse.SseEncoder.encode(event, id, data).toString(StandardCharsets.UTF_8);
    List<String[]> events = SpecParser.parse(encoded);
    assertEquals(1, events.size(), encoded);
    String[] parsed = events.get(0);
    assertEquals(event == null ? "message" : event, parsed[0]);
    assertEquals(id == null ? "" : id, parsed[1]);
    assertEquals(data.replace("\r\n", "\n").replace('\r', '\n'), parsed[2]);
  }

  @Provide
  Arbitrary<String> fieldValue() {
    // what BusEvent lets through: non-empty, no line break, no NUL
    return Arbitraries.oneOf(Arbitraries.just(null),
      hostileText().map(s -> s.replaceAll("[\r\n\u0000]|[\ud800-\udfff]", "")).filter(s -> !s.isEmpty()));
  }

  @Provide
  Arbitrary<String> eventData() {
    Arbitrary<Character> breaks = Arbitraries.of('\r', '\n', ':', ' ', 'd', 'a', 't', 'e', 'v', 'n', 'i', '\u2028', '\ud83c');
    return Arbitraries.oneOf(
      breaks.list().ofMaxSize(30).map(HostileInputProperties::join),
      Arbitraries.strings().all().ofMaxLength(60))
      .map(s -> s.replaceAll("[\ud800-\udfff]", "x"));
  }

  /** The event-stream interpretation of the WHATWG HTML standard, for one stream's text: [type, last id, data]. */
  private static final class SpecParser {

    static List<String[]> parse(String stream) {
      List<String[]> dispatched = new java.util.ArrayList<>();
      StringBuilder data = new StringBuilder();
      String type = "";
      String lastId = "";
      String[] lines = stream.split("\r\n|\r|\n", -1);
      // the text after the last line break is an incomplete line, never processed
      for (int i = 0; i < lines.length - 1; i++) {
        String line = lines[i];
        if (line.isEmpty()) {
          if (data.length() > 0) {
            data.setLength(data.length() - 1);
            dispatched.add(new String[] {type.isEmpty() ? "message" : type, lastId, data.toString()});
          }
          data.setLength(0);
          type = "";
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "event" -> type = value;
          case "data" -> data.append(value).append('\n');
          case "id" -> lastId = value.indexOf('\u0000') >= 0 ? lastId : value;
          default -> { }
        }
      }
      return dispatched;
    }
  }
}
