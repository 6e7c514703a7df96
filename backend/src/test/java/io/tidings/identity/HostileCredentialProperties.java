package io.tidings.identity;

import io.tidings.config.IdentityOptions;
import io.tidings.config.RateLimitOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Jwts;
import io.tidings.support.HostileInput;
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

import static io.tidings.support.HostileInput.assertAnsweredProperly;
import static io.tidings.support.HostileInput.hostileText;
import static io.tidings.support.HostileInput.isValidUtf8;
import static io.tidings.support.HostileInput.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated session claims, credentials and notifications, sent over raw sockets to a nickname and
 * a JWT node: whatever arrives, the answer is a 2xx of the right kind or a 4xx with the JSON error
 * shape, never a 5xx, a silent close or a hang; only a valid credential proves anyone, and no
 * reserved event type is ever published. About 1,300 requests a run.
 */
class HostileCredentialProperties {

  private static final String PUBLISHER_SECRET = "publisher-secret-of-at-least-32-bytes!";
  private static final String JWT_SECRET = "the-identity-providers-hs256-secret-of-32+bytes";

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
    if (nicknameNode != null) {
      nicknameNode.close();
    }
    if (jwtNode != null) {
      jwtNode.close();
    }
  }

  private static JsonObject validClaims() {
    return new JsonObject().put("sub", "jwt-holder").put("exp", Jwts.now() + 24 * 3600);
  }

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
      object.map(HostileInput::wire),
      Arbitraries.of("[]", "null", "\"alice\"", "42", "true", "{}", "{\"user\":}", "{\"user\":\"a\"", "{\"user\":\"a\"}x",
        "\ufeff{\"user\":\"bom\"}", "{\"user\":\"\\u0000\"}").map(HostileInput::wire),
      hostileText().map(HostileInput::wire),
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
    // a cookie the codec drops as malformed is no credential at all: GET /api/session then says "no one"
    boolean provesNoOne = request.equals("GET /api/session") && response.status() == 200
      && new JsonObject(response.body()).getValue("user") == null;
    if (response.status() / 100 == 2 && !provesNoOne) {
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
      json.map(HostileInput::wire),
      hostileText().map(HostileInput::wire),
      Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
      Arbitraries.of("[]", "null", "{}", "{\"event\":\"ok\"}", "{\"event\":\"ok\",\"data\":null}").map(HostileInput::wire));
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
}
