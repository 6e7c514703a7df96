package io.tidings.http;

import io.tidings.config.IdentityOptions;
import io.tidings.config.RateLimitOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.identity.AuthMode;
import io.tidings.identity.UserName;
import io.tidings.support.Jwts;
import io.tidings.support.EventStream;
import io.tidings.support.RawHttp;
import io.tidings.support.TestNode;
import io.vertx.core.json.JsonArray;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated hostile input at every HTTP edge, sent over raw sockets to a real node: whatever
 * arrives, the answer is a 2xx of the right kind or a 4xx with the JSON error shape, never a 5xx,
 * a silent close or a hang. About 9,000 requests and 12,000 cases a run: plain requests on an
 * open node, and session claims, credentials and notifications on a nickname and a JWT node.
 */
class HostileInputProperties {

  private static final String PUBLISHER_SECRET = "publisher-secret-of-at-least-32-bytes!";
  private static final String JWT_SECRET = "the-identity-providers-hs256-secret-of-32+bytes";

  private static TestNode node;
  /** Nickname mode with a publisher secret: sessions, credentials and notifications. */
  private static TestNode nicknameNode;
  /** JWT mode (HS256) with a publisher claim. */
  private static TestNode jwtNode;
  /** The credentials that prove someone on nicknameNode (and jwtNode): nothing else may. */
  private static final Set<String> validCredentials = new HashSet<>();
  private static final Set<String> validOnNickname = new HashSet<>();
  private static final Set<String> validOnJwt = new HashSet<>();

  @BeforeContainer
  static void start() {
    node = TestNode.start(new TidingsOptions());
    // kept in someone else's channel: no id may ever replay it to mallory
    node.send("alice", "secret for bob", "bob");
    node.send("alice", "public", null);
    nicknameNode = TestNode.startAsConfigured(new TidingsOptions().setRateLimits(RateLimitOptions.unlimited())
      .setIdentity(new IdentityOptions().setPublisherSecret(PUBLISHER_SECRET)));
    jwtNode = TestNode.startAsConfigured(new TidingsOptions().setRateLimits(RateLimitOptions.unlimited())
      .setIdentity(new IdentityOptions().setMode(AuthMode.JWT).setJwtSecret(JWT_SECRET)
        .setJwtPublisherClaim("tidings_publisher").setPublisherSecret(PUBLISHER_SECRET)));
    validOnNickname.addAll(List.of(nicknameNode.token("session-holder"), PUBLISHER_SECRET));
    validOnJwt.addAll(List.of(Jwts.hs256(JWT_SECRET, validClaims()), PUBLISHER_SECRET));
    validCredentials.addAll(validOnNickname);
    validCredentials.addAll(validOnJwt);
  }

  @AfterContainer
  static void stop() {
    if (watcher != null) {
      watcher.close();
    }
    node.close();
    nicknameNode.close();
    jwtNode.close();
  }

  private static JsonObject validClaims() {
    return new JsonObject().put("sub", "jwt-holder").put("exp", Jwts.now() + 24 * 3600);
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
    return assertAnsweredProperly(node, request);
  }

  private static RawHttp.Response assertAnsweredProperly(TestNode node, byte[] request) {
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

  // ---- identity: sessions, credentials and the publisher API ----

  @Provide
  Arbitrary<byte[]> sessionBody() {
    Arbitrary<Object> user = Arbitraries.oneOf(
      hostileText().map(s -> (Object) s),
      Arbitraries.strings().withChars("abcxyz019_.-").ofMinLength(1).ofMaxLength(34).map(s -> (Object) s),
      Arbitraries.of("session-holder", "", " ", "a".repeat(33), "ALICE", "..").map(s -> (Object) s),
      Arbitraries.integers().map(i -> (Object) i),
      Arbitraries.just(null),
      Arbitraries.just(new JsonArray().add("alice")));
    Arbitrary<String> object = Combinators.combine(user, Arbitraries.of(0, 1, 2, 3)).as((name, shape) -> switch (shape) {
      case 0 -> new JsonObject().put("user", name).encode();
      case 1 -> new JsonObject().put("user", name).put("token", "x").put("admin", true).encode();
      // a duplicate key, which must be refused rather than silently win
      case 2 -> "{\"user\":\"mallory\",\"user\":" + new JsonArray().add(name).encode().replaceAll("^\\[|\\]$", "") + "}";
      default -> new JsonObject().put("name", name).encode();
    });
    return Arbitraries.oneOf(
      object.map(HostileInputProperties::wire),
      Arbitraries.of("[]", "null", "\"alice\"", "42", "true", "{}", "{\"user\":}", "{\"user\":\"a\"", "{\"user\":\"a\"}x",
        "\ufeff{\"user\":\"bom\"}", "{\"user\":\"\\u0000\"}").map(HostileInputProperties::wire),
      hostileText().map(HostileInputProperties::wire),
      Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
      Arbitraries.integers().between(1, 200).map(depth -> wire("{\"user\":" + "[".repeat(depth) + "]".repeat(depth) + "}")));
  }

  @Property(tries = 400)
  void anySessionClaimIsAnsweredWithoutA5xx(@ForAll("sessionBody") byte[] body, @ForAll boolean jwtMode) {
    TestNode target = jwtMode ? jwtNode : nicknameNode;
    RawHttp.Response response = assertAnsweredProperly(target, wire("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"), body);
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (response.status() / 100 == 2) {
      assertFalse(jwtMode, "jwt mode granted a session: " + text);
      assertTrue(isValidUtf8(body), "accepted: " + text);
      JsonObject session = response.json();
      // the name granted is the body's own string, exactly: nothing converted, nothing cleaned up
      Object asked = new JsonObject(new String(body, StandardCharsets.UTF_8)).getValue("user");
      assertEquals(asked, session.getString("user"), "granted another name than asked: " + text);
      assertTrue(UserName.isValid(session.getString("user")), response.body());
      assertNotNull(session.getString("token"), response.body());
      assertNotNull(response.header("set-cookie"), "no session cookie: " + response.body());
      assertFalse(text.contains("\"user\":\"mallory\",\"user\":"), "a duplicate key was read one way: " + text);
    }
  }

  private static RawHttp.Response assertAnsweredProperly(TestNode target, byte[] head, byte[] body) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head);
    request.writeBytes(body);
    return assertAnsweredProperly(target, request.toByteArray());
  }

  /** Credentials as a forger writes them: hostile text, long values, JWT-shaped and signed ones, valid ones bent. */
  @Provide
  Arbitrary<String> credential() {
    Arbitrary<String> bent = Combinators.combine(Arbitraries.of(validCredentials.toArray(new String[0])),
      Arbitraries.integers().between(0, 4), Arbitraries.of('a', 'A', '.', '_', '-', '=', ' ', '%', '/', '+', '\u00e9'))
      .as((valid, how, c) -> switch (how) {
        case 0 -> valid + c;
        case 1 -> c + valid;
        case 2 -> valid.substring(0, valid.length() - 1);
        case 3 -> valid.substring(0, valid.length() / 2) + c + valid.substring(valid.length() / 2 + 1);
        default -> valid.toUpperCase(java.util.Locale.ROOT);
      });
    Arbitrary<Object> claimValue = Arbitraries.oneOf(hostileText().map(s -> (Object) s),
      Arbitraries.longs().map(l -> (Object) l), Arbitraries.just(null), Arbitraries.of(true, false).map(b -> (Object) b),
      Arbitraries.just(new JsonArray().add(1)), Arbitraries.just(new JsonObject().put("a", 1)),
      Arbitraries.just((Object) (Jwts.now() + 3600)), Arbitraries.just((Object) "jwt-holder"));
    Arbitrary<String> claimName = Arbitraries.of("sub", "exp", "nbf", "iat", "iss", "aud", "tidings_publisher", "jti");
    // signed with the node's own secret: only what the claims say can refuse it
    Arbitrary<String> signed = Combinators.combine(claimName, claimValue, claimName, claimValue)
      .as((n1, v1, n2, v2) -> Jwts.hs256(JWT_SECRET, validClaims().put(n1, v1).put(n2, v2)));
    Arbitrary<String> headerOdd = Combinators.combine(Arbitraries.of("alg", "typ", "kid", "crit", "jku", "x5c"), claimValue)
      .as((n, v) -> Jwts.hs256(JWT_SECRET.getBytes(StandardCharsets.UTF_8),
        new JsonObject().put("alg", "HS256").put(n, v), validClaims()));
    Arbitrary<String> shaped = Combinators.combine(hostileText(), hostileText(), hostileText())
      .as((h, p, sig) -> Jwts.base64Url(h) + "." + Jwts.base64Url(p) + "." + sig);
    return Arbitraries.oneOf(
      hostileText(),
      bent,
      signed,
      headerOdd,
      shaped,
      Arbitraries.of(validCredentials.toArray(new String[0])),
      Arbitraries.strings().withCharRange('!', '~').ofMinLength(4000).ofMaxLength(5000),
      Arbitraries.strings().withChars("A.").ofMinLength(1).ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> credentialedRequest() {
    return Arbitraries.of("GET /api/session", "GET /sse", "DELETE /api/session", "POST /sse/message", "POST /api/notify");
  }

  @Property(tries = 500)
  void anyCredentialIsAnsweredWithoutA5xxAndOnlyAValidOneProvesAnyone(
    @ForAll("credential") String credential, @ForAll("credentialedRequest") String request,
    @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4) int place, @ForAll boolean jwtMode) {
    TestNode target = jwtMode ? jwtNode : nicknameNode;
    String method = request.substring(0, request.indexOf(' '));
    String path = request.substring(request.indexOf(' ') + 1);
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.writeBytes(wire(method + " " + path + (place == 2 ? "?presence=false&access_token=" + credential : "?presence=false")
      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"));
    switch (place) {
      case 0 -> head.writeBytes(wire("Authorization: Bearer " + credential + "\r\n"));
      case 1 -> head.writeBytes(wire("Authorization: " + credential + "\r\n"));
      case 3 -> head.writeBytes(wire("Cookie: tidings_session=" + credential + "\r\n"));
      case 4 -> head.writeBytes(wire("Cookie: other=1; tidings_session=" + credential + "; x=y\r\n"));
      default -> { }
    }
    byte[] body = wire(path.equals("/api/notify")
      ? new JsonObject().put("event", "probe").put("data", 1).put("to", "nobody").encode()
      : new JsonObject().put("message", "probe").encode());
    if (method.equals("POST")) {
      head.writeBytes(wire("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"));
    }
    head.writeBytes(wire("\r\n"));
    RawHttp.Response response = assertAnsweredProperly(target, head.toByteArray(), method.equals("POST") ? body : new byte[0]);
    if (response.status() / 100 == 2) {
      // the credential as the server received it (a header value loses the spaces around it): the exact
      // value, or a JWT the node's own secret signed
      String received = place == 2 ? credential : credential.replaceAll("^[ \t]+|[ \t]+$", "");
      boolean valid = jwtMode ? validOnJwt.contains(received) || isSignedByTheNode(received)
        : validOnNickname.contains(received);
      assertTrue(valid && place != 1, "accepted " + request + " with '" + credential + "' at place " + place);
    }
  }

  /** Whether the text is a compact JWT whose signature the node's secret made. */
  private static boolean isSignedByTheNode(String token) {
    String[] parts = token.split("\\.", -1);
    return parts.length == 3 && Jwts.base64Url(Jwts.hmac(JWT_SECRET.getBytes(StandardCharsets.UTF_8),
      parts[0] + "." + parts[1])).equals(parts[2]);
  }

  @Provide
  Arbitrary<byte[]> notifyBody() {
    Arbitrary<Object> eventType = Arbitraries.oneOf(
      hostileText().map(s -> (Object) s),
      Arbitraries.of("message", "welcome", "presence", "missed", "reconnect").map(s -> (Object) s),
      Arbitraries.of("Message", "message ", "invoice.paid", "a", "a:b-c_d.e", "x".repeat(64), "x".repeat(65), "1a", "-a")
        .map(s -> (Object) s),
      Arbitraries.strings().withChars("abz09.:_-").ofMinLength(1).ofMaxLength(70).map(s -> (Object) s),
      Arbitraries.integers().map(i -> (Object) i),
      Arbitraries.just(null));
    Arbitrary<Object> value = Arbitraries.oneOf(
      hostileText().map(s -> (Object) s),
      Arbitraries.of("bob", "nobody-here", "a".repeat(33), "").map(s -> (Object) s),
      Arbitraries.integers().map(i -> (Object) i),
      Arbitraries.just(null),
      Arbitraries.of(true, false).map(b -> (Object) b),
      Arbitraries.just(new JsonObject().put("nested", new JsonArray().add(1).add("two"))),
      Arbitraries.just(new JsonArray()));
    Arbitrary<String> json = Combinators.combine(eventType, value, value, Arbitraries.of(0, 1, 2, 3))
      .as((event, data, to, shape) -> {
        JsonObject object = new JsonObject().put("event", event).put("data", data);
        if (shape == 1) {
          object.put("to", to);
        } else if (shape == 2) {
          object.put("id", "forged").put("retry", 1);
        }
        String encoded = object.encode();
        // a duplicate key, which must be refused rather than silently win
        return shape == 3 ? encoded.substring(0, encoded.length() - 1) + ",\"event\":\"reconnect\",\"event\":\"ok\"}" : encoded;
      });
    return Arbitraries.oneOf(
      json.map(HostileInputProperties::wire),
      hostileText().map(HostileInputProperties::wire),
      Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
      Arbitraries.of("[]", "null", "{}", "{\"event\":\"ok\"}", "{\"event\":\"ok\",\"data\":null}").map(HostileInputProperties::wire));
  }

  @Property(tries = 400)
  void anyNotificationIsAnsweredWithoutA5xxAndNoReservedTypeIsPublished(@ForAll("notifyBody") byte[] body,
                                                                        @ForAll boolean jwtMode) {
    TestNode target = jwtMode ? jwtNode : nicknameNode;
    RawHttp.Response response = assertAnsweredProperly(target, wire("POST /api/notify HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Connection: close\r\nAuthorization: Bearer " + PUBLISHER_SECRET + "\r\nContent-Type: application/json\r\n"
      + "Content-Length: " + body.length + "\r\n\r\n"), body);
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (response.status() / 100 == 2) {
      assertTrue(isValidUtf8(body), "accepted: " + text);
      assertFalse(text.contains("\"event\":\"reconnect\",\"event\":"), "a duplicate key was read one way: " + text);
      JsonObject sent = new JsonObject(new String(body, StandardCharsets.UTF_8));
      // the rule written out again here, so that a change to EventTypes cannot change the oracle with it
      assertTrue(sent.getValue("event") instanceof String type && type.matches("[A-Za-z][A-Za-z0-9._:-]{0,63}")
        && !Set.of("message", "welcome", "presence", "missed", "reconnect").contains(type),
        "published a type no publisher may use: " + text);
      assertTrue(response.json().getBoolean("succeeded"), response.body());
      assertTrue(response.json().getString("channel").startsWith(sent.getString("to") == null ? "all" : "user:"),
        response.body());
    }
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
