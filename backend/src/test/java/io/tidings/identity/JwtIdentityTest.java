package io.tidings.identity;

import io.tidings.config.IdentityOptions;
import io.tidings.config.RateLimitOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.Jwts;
import io.tidings.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --auth jwt} over real HTTP: a token the operator's identity provider signed proves its
 * user on the stream, on posting and on {@code /api/session}; every other token is a 401 in the
 * JSON error shape, never a 5xx.
 */
class JwtIdentityTest {

  private static final String SECRET = "the-identity-providers-hs256-secret-of-32+bytes";
  private static final String OTHER_SECRET = "a-different-hs256-secret-of-at-least-32-bytes";

  private static Vertx signerVertx;
  private static JWTAuth provider;

  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeAll
  static void signer() {
    // the identity provider's side: vertx-auth-jwt signing with the secret the node verifies with
    signerVertx = Vertx.vertx();
    provider = JWTAuth.create(signerVertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
  }

  @AfterAll
  static void closeSigner() {
    Await.result(signerVertx.close());
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  private TestNode node(IdentityOptions identity) {
    return track(TestNode.startAsConfigured(new TidingsOptions().setRateLimits(RateLimitOptions.unlimited())
      .setIdentity(identity.setMode(AuthMode.JWT))));
  }

  private TestNode hs256Node() {
    return node(new IdentityOptions().setJwtSecret(SECRET));
  }

  /** A token as an identity provider issues one: for the user, expiring in an hour. */
  private static String issued(String user) {
    return provider.generateToken(new JsonObject().put("sub", user), new JWTOptions().setExpiresInSeconds(3600));
  }

  private static JsonObject claims(String user) {
    return new JsonObject().put("sub", user).put("iat", Jwts.now()).put("exp", Jwts.now() + 3600);
  }

  private static String hs256(JsonObject claims) {
    return Jwts.hs256(SECRET, claims);
  }

  private static HttpResponse<Buffer> getSession(TestNode node, String token) {
    return Await.result(node.web().get("/api/session").putHeader("Authorization", "Bearer " + token).send());
  }

  /** The token is refused 401, in the error shape, on each of the three endpoints a credential opens. */
  private static void assertRefused(TestNode node, String token, String why) {
    HttpResponse<Buffer> stream;
    try {
      // bounded: a stream the token opened would never end
      stream = Await.result(node.web().get("/sse").putHeader("Accept", "text/event-stream")
        .putHeader("Authorization", "Bearer " + token).send(), java.time.Duration.ofSeconds(5));
    } catch (AssertionError e) {
      throw new AssertionError(why + ": GET /sse was not refused", e);
    }
    List<HttpResponse<Buffer>> answers = List.of(stream,
      node.postAs(token, new JsonObject().put("message", "should not be sent")),
      getSession(node, token));
    for (HttpResponse<Buffer> answer : answers) {
      String context = why + " -> " + answer.statusCode() + " " + answer.bodyAsString();
      assertEquals(401, answer.statusCode(), context);
      assertTrue(answer.getHeader("Content-Type").startsWith("application/json"), context);
      assertEquals("Bearer", answer.getHeader("WWW-Authenticate"), context);
      JsonObject error = answer.bodyAsJsonObject();
      assertEquals(false, error.getBoolean("succeeded"), context);
      assertNotNull(error.getString("errorMessage"), context);
      assertFalse(error.getString("errorMessage").isBlank(), context);
    }
  }

  private static void assertError(HttpResponse<Buffer> answer, int status, String saying) {
    String context = answer.statusCode() + " " + answer.bodyAsString();
    assertEquals(status, answer.statusCode(), context);
    assertEquals(false, answer.bodyAsJsonObject().getBoolean("succeeded"), context);
    assertTrue(answer.bodyAsJsonObject().getString("errorMessage").contains(saying), context);
  }

  private static String welcomeUser(EventStream stream) {
    return new JsonObject(stream.events().get(0).data()).getString("user");
  }

  @Test
  void aValidTokenActsAsItsSubjectOnTheStreamOnPostingAndOnTheSession() {
    TestNode node = hs256Node();
    String alice = issued("alice");

    EventStream stream = track(node.openAs(alice, "/sse")).awaitWelcome();
    assertEquals("alice", welcomeUser(stream));
    EventStream byParameter = track(node.open("/sse?presence=false&access_token=" + alice)).awaitWelcome();
    assertEquals("alice", welcomeUser(byParameter));

    HttpResponse<Buffer> sent = node.postAs(alice, new JsonObject().put("message", "signed by my provider"));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    assertEquals("alice", stream.awaitMessage("signed by my provider").getString("user"));
    HttpResponse<Buffer> same = node.postAs(alice, new JsonObject().put("user", "alice").put("message", "named"));
    assertEquals(200, same.statusCode(), same.bodyAsString());

    HttpResponse<Buffer> who = getSession(node, alice);
    assertEquals(200, who.statusCode(), who.bodyAsString());
    assertEquals("alice", who.bodyAsJsonObject().getString("user"));
    assertEquals("jwt", who.bodyAsJsonObject().getString("mode"));
  }

  @Test
  void aStatedUserThatDisagreesWithTheTokenIs403() {
    TestNode node = hs256Node();
    String mallory = issued("mallory");
    try (EventStream forged = node.openAs(mallory, "/sse?user=alice")) {
      assertEquals(403, forged.status());
      Await.until("the refusal arrives", () -> forged.raw().contains("credential is for 'mallory'"),
        java.time.Duration.ofSeconds(5));
    }
    assertError(node.postAs(mallory, new JsonObject().put("user", "alice").put("message", "I am alice")), 403,
      "credential is for 'mallory'");
  }

  @Test
  void aNodeWithoutACredentialOrWithABrokenHeaderIs401() {
    TestNode node = hs256Node();
    // a stream without a credential is refused; asking who one is without one is answered "no one"
    HttpResponse<Buffer> none = node.get("/sse");
    assertError(none, 401, "a token is required");
    HttpResponse<Buffer> nobody = node.get("/api/session");
    assertEquals(200, nobody.statusCode(), nobody.bodyAsString());
    assertEquals(null, nobody.bodyAsJsonObject().getValue("user"));
    assertEquals(401, node.post(new JsonObject().put("user", "alice").put("message", "hi")).statusCode());
    HttpResponse<Buffer> basic = Await.result(node.web().get("/api/session")
      .putHeader("Authorization", "Basic YWxpY2U6c2VjcmV0").send());
    assertError(basic, 401, "Bearer");
  }

  @Test
  void aTamperedPayloadWithItsOriginalSignatureIs401() {
    TestNode node = hs256Node();
    String mallory = hs256(claims("mallory"));
    String[] parts = mallory.split("\\.");
    String forged = parts[0] + "." + Jwts.base64Url(claims("alice").encode()) + "." + parts[2];
    assertRefused(node, forged, "payload swapped");
    // one changed character of the signature, too
    char last = parts[2].charAt(0);
    assertRefused(node, parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1),
      "signature changed");
  }

  @Test
  void aTokenSignedWithAnotherSecretIs401() {
    TestNode node = hs256Node();
    assertRefused(node, Jwts.hs256(OTHER_SECRET, claims("alice")), "another secret");
  }

  @Test
  void anUnsignedAlgNoneTokenIs401() {
    TestNode node = hs256Node();
    String unsigned = Jwts.signingInput(new JsonObject().put("alg", "none").put("typ", "JWT"), claims("alice"));
    assertRefused(node, unsigned + ".", "alg none, empty signature");
    assertRefused(node, unsigned, "alg none, no signature part");
    // the header says none but a signature is there: still nothing verifies it
    assertRefused(node, unsigned + "." + Jwts.base64Url(Jwts.hmac(SECRET.getBytes(StandardCharsets.UTF_8), unsigned)),
      "alg none with an HMAC");
    String noneUpper = Jwts.signingInput(new JsonObject().put("alg", "None"), claims("alice"));
    assertRefused(node, noneUpper + ".", "alg None");
  }

  @Test
  void anExpiredTokenIs401() {
    TestNode node = hs256Node();
    assertRefused(node, hs256(claims("alice").put("iat", Jwts.now() - 7200).put("exp", Jwts.now() - 60)), "exp passed");
    assertRefused(node, hs256(claims("alice").put("exp", Jwts.now())), "exp is now");
  }

  @Test
  void aTokenWithoutAnExpiryIs401() {
    TestNode node = hs256Node();
    JsonObject noExpiry = claims("alice");
    noExpiry.remove("exp");
    assertRefused(node, hs256(noExpiry), "no exp");
    HttpResponse<Buffer> answer = getSession(node, hs256(noExpiry));
    assertTrue(answer.bodyAsJsonObject().getString("errorMessage").contains("no expiry"), answer.bodyAsString());
  }

  @Test
  void aTokenNotYetValidOrIssuedInTheFutureIs401() {
    // vertx-auth-jwt checks nbf and iat against the clock (with no leeway): io.vertx.ext.auth.User#expired
    TestNode node = hs256Node();
    assertRefused(node, hs256(claims("alice").put("nbf", Jwts.now() + 600)), "nbf in the future");
    assertRefused(node, hs256(claims("alice").put("iat", Jwts.now() + 600)), "iat in the future");
    EventStream fine = track(node.openAs(hs256(claims("alice").put("nbf", Jwts.now() - 5)), "/sse")).awaitWelcome();
    assertEquals("alice", welcomeUser(fine));
  }

  @Test
  void aMalformedTokenIs401() {
    TestNode node = hs256Node();
    String valid = hs256(claims("alice"));
    String[] parts = valid.split("\\.");
    String header = parts[0];
    Map<String, String> malformed = new LinkedHashMap<>();
    malformed.put("one part", parts[0]);
    malformed.put("two parts", parts[0] + "." + parts[1]);
    malformed.put("four parts", valid + "." + parts[2]);
    malformed.put("empty parts", "..");
    malformed.put("bad base64 header", "%%%." + parts[1] + "." + parts[2]);
    malformed.put("bad base64 payload", header + ".!!!!." + parts[2]);
    malformed.put("bad base64 signature", header + "." + parts[1] + ".***");
    malformed.put("padded base64", header + "=." + parts[1] + "." + parts[2]);
    malformed.put("header not JSON", Jwts.base64Url("not json") + "." + parts[1] + "." + parts[2]);
    malformed.put("payload a JSON array", signedRaw("[\"alice\"]"));
    malformed.put("payload a JSON string", signedRaw("\"alice\""));
    malformed.put("payload JSON null", signedRaw("null"));
    malformed.put("payload truncated JSON", signedRaw("{\"sub\":\"alice\",\"exp\":"));
    malformed.put("header a JSON array", Jwts.base64Url("[]") + "." + parts[1] + "." + parts[2]);
    malformed.put("no alg", Jwts.hs256(SECRET.getBytes(StandardCharsets.UTF_8), new JsonObject(), claims("alice")));
    malformed.put("alg a number", Jwts.hs256(SECRET.getBytes(StandardCharsets.UTF_8), new JsonObject().put("alg", 256),
      claims("alice")));
    malformed.put("unknown alg", Jwts.hs256(SECRET.getBytes(StandardCharsets.UTF_8),
      new JsonObject().put("alg", "HS999"), claims("alice")));
    malformed.put("5000 characters", "a".repeat(5000));
    malformed.put("5000-character payload", header + "." + "a".repeat(5000) + "." + parts[2]);
    // one token, one spelling: empty parts after it must not make another that works
    malformed.put("a valid token and a dot", valid + ".");
    malformed.put("a valid token and three dots", valid + "...");
    for (Map.Entry<String, String> token : malformed.entrySet()) {
      assertRefused(node, token.getValue(), token.getKey());
    }
  }

  private static String signedRaw(String payloadJson) {
    String input = Jwts.base64Url(new JsonObject().put("alg", "HS256").encode()) + "." + Jwts.base64Url(payloadJson);
    return input + "." + Jwts.base64Url(Jwts.hmac(SECRET.getBytes(StandardCharsets.UTF_8), input));
  }

  @Test
  void aUserClaimThatIsNotAValidUserNameIs401() {
    TestNode node = hs256Node();
    for (Object sub : List.of("has space", "x".repeat(33), "", "ünïcode", "a/b", 42, true, new JsonArray().add("alice"),
      new JsonObject().put("name", "alice"))) {
      assertRefused(node, hs256(claims("alice").put("sub", sub)), "sub " + sub);
    }
    JsonObject noSub = claims("alice");
    noSub.remove("sub");
    assertRefused(node, hs256(noSub), "no sub");
    HttpResponse<Buffer> answer = getSession(node, hs256(noSub));
    assertTrue(answer.bodyAsJsonObject().getString("errorMessage").contains("'sub' claim is not a valid user name"),
      answer.bodyAsString());
  }

  @Test
  void signedButOddlyTypedStandardClaimsAre401NotA500() {
    // only the issuer can sign these, but a misbehaving one must not turn the node's answers into 500s
    TestNode node = node(new IdentityOptions().setJwtSecret(SECRET).setJwtIssuer("https://id.example")
      .setJwtAudience("tidings"));
    JsonObject good = claims("alice").put("iss", "https://id.example").put("aud", "tidings");
    assertEquals(200, getSession(node, hs256(good.copy())).statusCode());
    Map<String, JsonObject> odd = new LinkedHashMap<>();
    odd.put("exp a string", good.copy().put("exp", "tomorrow"));
    odd.put("exp null", good.copy().putNull("exp"));
    odd.put("exp an object", good.copy().put("exp", new JsonObject()));
    odd.put("iat a string", good.copy().put("iat", "yesterday"));
    odd.put("nbf a boolean", good.copy().put("nbf", true));
    odd.put("aud a number", good.copy().put("aud", 7));
    odd.put("aud an object", good.copy().put("aud", new JsonObject().put("tidings", true)));
    odd.put("iss a number", good.copy().put("iss", 7));
    odd.put("iss an array", good.copy().put("iss", new JsonArray().add("https://id.example")));
    for (Map.Entry<String, JsonObject> token : odd.entrySet()) {
      assertRefused(node, hs256(token.getValue()), token.getKey());
    }
  }

  @Test
  void theIssuerAndAudienceAreCheckedWhenConfigured() {
    TestNode node = node(new IdentityOptions().setJwtSecret(SECRET).setJwtIssuer("https://id.example")
      .setJwtAudience("tidings"));
    JsonObject right = claims("alice").put("iss", "https://id.example").put("aud", "tidings");
    EventStream stream = track(node.openAs(hs256(right.copy()), "/sse")).awaitWelcome();
    assertEquals("alice", welcomeUser(stream));
    assertEquals(200, getSession(node, hs256(right.copy().put("aud", new JsonArray().add("other").add("tidings"))))
      .statusCode(), "one of several audiences");

    assertRefused(node, hs256(right.copy().put("iss", "https://evil.example")), "wrong iss");
    JsonObject noIssuer = right.copy();
    noIssuer.remove("iss");
    assertRefused(node, hs256(noIssuer), "no iss");
    assertRefused(node, hs256(right.copy().put("aud", "another-app")), "wrong aud");
    assertRefused(node, hs256(right.copy().put("aud", new JsonArray().add("another-app"))), "wrong aud in an array");
    JsonObject noAudience = right.copy();
    noAudience.remove("aud");
    assertRefused(node, hs256(noAudience), "no aud");
  }

  @Test
  void theUserClaimIsTheOneConfigured() {
    TestNode node = node(new IdentityOptions().setJwtSecret(SECRET).setJwtUserClaim("preferred_username"));
    String token = hs256(claims("0b4c-uuid-like-subject").put("preferred_username", "alice"));
    EventStream stream = track(node.openAs(token, "/sse")).awaitWelcome();
    assertEquals("alice", welcomeUser(stream));
    HttpResponse<Buffer> sent = node.postAs(token, new JsonObject().put("message", "as preferred_username"));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    assertEquals("alice", stream.awaitMessage("as preferred_username").getString("user"));
    assertRefused(node, hs256(claims("alice")), "only sub, no preferred_username");
    assertRefused(node, hs256(claims("alice").put("preferred_username", "Alice Smith")), "a display name");
  }

  @Test
  void aTokenWithThePublisherClaimMayNotifyAndAUsersTokenMayNot() {
    TestNode node = node(new IdentityOptions().setJwtSecret(SECRET).setJwtPublisherClaim("tidings_publisher"));
    String bob = hs256(claims("bob"));
    EventStream bobStream = track(node.openAs(bob, "/sse")).awaitWelcome();
    String service = hs256(claims("billing-service").put("tidings_publisher", true));
    String body = new JsonObject().put("to", "bob").put("event", "invoice.paid").put("data", 42).encode();

    HttpResponse<Buffer> published = notify(node, service, body);
    assertEquals(200, published.statusCode(), published.bodyAsString());
    assertEquals("42", bobStream.awaitEvent("invoice.paid", e -> "invoice.paid".equals(e.event())).data());

    assertError(notify(node, bob, body), 403, "cannot publish");
    assertError(notify(node, hs256(claims("carol").put("tidings_publisher", "true")), body), 403, "cannot publish");
    assertError(notify(node, hs256(claims("carol").put("tidings_publisher", false)), body), 403, "cannot publish");
    assertError(notify(node, Jwts.hs256(OTHER_SECRET, claims("x").put("tidings_publisher", true)), body), 401, "refused");
    // a publisher has no user: it cannot open a stream or chat
    assertEquals(403, node.postAs(service, new JsonObject().put("message", "hi")).statusCode());
  }

  @Test
  void withoutAPublisherClaimConfiguredNoTokenMayNotify() {
    TestNode node = hs256Node();
    String body = new JsonObject().put("event", "deploy").put("data", "v2").encode();
    assertError(notify(node, hs256(claims("svc").put("tidings_publisher", true)), body), 403, "cannot publish");
  }

  private static HttpResponse<Buffer> notify(TestNode node, String token, String body) {
    return Await.result(node.web().post("/api/notify").putHeader("Content-Type", "application/json")
      .putHeader("Authorization", "Bearer " + token).sendBuffer(Buffer.buffer(body)));
  }

  @Test
  void claimingANameIs404InJwtMode() {
    TestNode node = hs256Node();
    assertError(node.claim("alice"), 404, "identity provider");
    HttpResponse<Buffer> withToken = Await.result(node.web().post("/api/session")
      .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + issued("alice"))
      .sendBuffer(Buffer.buffer(new JsonObject().put("user", "alice").encode())));
    assertError(withToken, 404, "identity provider");
  }

  @Test
  void rs256TokensVerifyWithThePublicKeyAndNothingElseDoes() {
    KeyPair keys = Jwts.rsaKeys();
    java.nio.file.Path pem = Jwts.pemFile(keys.getPublic());
    TestNode node = node(new IdentityOptions().setJwtPublicKeyFile(pem.toString()));
    EventStream stream = track(node.openAs(Jwts.rs256(keys.getPrivate(), claims("alice")), "/sse")).awaitWelcome();
    assertEquals("alice", welcomeUser(stream));
    HttpResponse<Buffer> sent = node.postAs(Jwts.rs256(keys.getPrivate(), claims("alice")),
      new JsonObject().put("message", "rsa"));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());

    assertRefused(node, Jwts.rs256(Jwts.rsaKeys().getPrivate(), claims("alice")), "another RSA key");
    String[] parts = Jwts.rs256(keys.getPrivate(), claims("mallory")).split("\\.");
    assertRefused(node, parts[0] + "." + Jwts.base64Url(claims("alice").encode()) + "." + parts[2], "payload swapped");
    assertRefused(node, Jwts.rs256(keys.getPrivate(), claims("alice").put("exp", Jwts.now() - 1)), "expired");
    // algorithm confusion: the public key, which anyone may have, used as an HMAC secret
    String pemText = Jwts.pem(keys.getPublic());
    assertRefused(node, Jwts.hs256(pemText, claims("alice")), "HS256 keyed with the PEM text");
    assertRefused(node, Jwts.hs256(keys.getPublic().getEncoded(), new JsonObject().put("alg", "HS256"), claims("alice")),
      "HS256 keyed with the DER key");
    assertRefused(node, Jwts.signingInput(new JsonObject().put("alg", "none"), claims("alice")) + ".", "alg none");
  }

  @Test
  void es256TokensVerifyWithThePublicKeyAndNothingElseDoes() {
    KeyPair keys = Jwts.ecKeys();
    TestNode node = node(new IdentityOptions().setJwtPublicKeyFile(Jwts.pemFile(keys.getPublic()).toString())
      .setJwtAlgorithm("ES256"));
    EventStream stream = track(node.openAs(Jwts.es256(keys.getPrivate(), claims("alice")), "/sse")).awaitWelcome();
    assertEquals("alice", welcomeUser(stream));
    assertEquals("alice", getSession(node, Jwts.es256(keys.getPrivate(), claims("alice"))).bodyAsJsonObject()
      .getString("user"));

    assertRefused(node, Jwts.es256(Jwts.ecKeys().getPrivate(), claims("alice")), "another EC key");
    String[] parts = Jwts.es256(keys.getPrivate(), claims("mallory")).split("\\.");
    assertRefused(node, parts[0] + "." + Jwts.base64Url(claims("alice").encode()) + "." + parts[2], "payload swapped");
    assertRefused(node, parts[0] + "." + parts[1] + "." + Jwts.base64Url(new byte[64]), "an all-zero signature");
    assertRefused(node, parts[0] + "." + parts[1] + "." + Jwts.base64Url(new byte[3]), "a 3-byte signature");
    assertRefused(node, Jwts.hs256(Jwts.pem(keys.getPublic()), claims("alice")), "HS256 keyed with the PEM text");
    assertRefused(node, Jwts.rs256(Jwts.rsaKeys().getPrivate(), claims("alice")), "RS256 to an ES256 node");
  }

  @Test
  void aDirectMessageWhileOfflineIsReplayedToItsUserAndToNoOtherToken() {
    TestNode node = hs256Node();
    String bob = issued("bob");
    EventStream first = track(node.openAs(bob, "/sse?presence=false")).awaitWelcome();
    String lastId = first.lastId();
    first.close();
    opened.remove(first);

    HttpResponse<Buffer> sent = node.postAs(issued("alice"),
      new JsonObject().put("message", "while you were away").put("to", "bob"));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());

    EventStream back = track(node.openAs(bob, "/sse?presence=false&history=10")).awaitWelcome();
    assertEquals("alice", back.awaitMessage("while you were away").getString("user"));
    EventStream resumed = track(node.resumeAs(bob, lastId));
    resumed.awaitMessage("while you were away");

    // mallory presents bob's position: it names a place in her own channels, never bob's
    String mallory = issued("mallory");
    EventStream forged = track(node.resumeAs(mallory, lastId));
    EventStream forgedHistory = track(node.openAs(mallory, "/sse?presence=false&history=10")).awaitWelcome();
    node.postAs(issued("alice"), new JsonObject().put("message", "marker for everyone"));
    forged.awaitMessage("marker for everyone");
    forgedHistory.awaitMessage("marker for everyone");
    assertFalse(forged.texts().contains("while you were away"), forged.texts().toString());
    assertFalse(forgedHistory.texts().contains("while you were away"), forgedHistory.texts().toString());
  }
}
