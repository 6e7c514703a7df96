package io.tidings.identity;

import io.tidings.config.IdentityOptions;
import io.tidings.config.RateLimitOptions;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default mode over real HTTP: a name is claimed, held, proven on every request, and let go. */
class NicknameSessionTest {

  private static final int GRACE_SECONDS = 3;

  private TestNode node;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    // without rate limits: the polling below claims names faster than a person (RateLimitsTest covers the limits)
    node = TestNode.startAsConfigured(new TidingsOptions().setRateLimits(RateLimitOptions.unlimited())
      .setIdentity(new IdentityOptions().setNameGraceSeconds(GRACE_SECONDS)));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    node.close();
  }

  private EventStream track(EventStream stream) {
    opened.add(stream);
    return stream;
  }

  @Test
  void claimAnswersTheTokenInJsonAndInAStrictHttpOnlyCookie() {
    HttpResponse<Buffer> claimed = node.claim("alice");
    assertEquals(200, claimed.statusCode(), claimed.bodyAsString());
    JsonObject body = claimed.bodyAsJsonObject();
    assertEquals("alice", body.getString("user"));
    assertTrue(body.getString("token").length() >= 43, "at least 256 random bits, base64url");
    assertTrue(body.getString("expiresAt").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), body.encode());
    String cookie = claimed.cookies().get(0);
    assertTrue(cookie.startsWith("tidings_session=" + body.getString("token") + ";"), cookie);
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertTrue(cookie.contains("Path=/"), cookie);
    assertFalse(cookie.contains("Secure"), "no Secure over plain HTTP, or the browser drops it: " + cookie);
    assertEquals("no-store", claimed.getHeader("Cache-Control"));
  }

  @Test
  void aStreamWithoutACredentialIsRefused401AndAnotherUsersNameIs403() {
    String bob = node.token("bob");
    try (EventStream none = node.open("/sse?user=alice")) {
      assertEquals(401, none.status());
      Await.until("the refusal arrives", () -> none.raw().contains("claim a name"), Duration.ofSeconds(5));
    }
    try (EventStream forged = node.openAs(bob, "/sse?user=alice")) {
      assertEquals(403, forged.status());
      Await.until("the refusal arrives", () -> forged.raw().contains("credential is for 'bob'"), Duration.ofSeconds(5));
    }
    EventStream own = track(node.openAs(bob, "/sse")).awaitWelcome();
    assertEquals("bob", own.events().get(0).data().contains("\"user\":\"bob\"") ? "bob" : own.events().get(0).data());
  }

  @Test
  void aDirectMessageReachesItsRecipientAndSenderOnlyAndPostingAsAnotherIs403() {
    String alice = node.token("alice");
    String bob = node.token("bob");
    String carol = node.token("carol");
    EventStream aliceStream = track(node.openAs(alice, "/sse")).awaitWelcome();
    EventStream bobStream = track(node.openAs(bob, "/sse")).awaitWelcome();
    EventStream carolStream = track(node.openAs(carol, "/sse")).awaitWelcome();

    HttpResponse<Buffer> forged = node.postAs(carol, new JsonObject().put("user", "alice").put("message", "I am alice"));
    assertEquals(403, forged.statusCode(), forged.bodyAsString());
    assertTrue(forged.bodyAsJsonObject().getString("errorMessage").contains("credential is for 'carol'"));
    HttpResponse<Buffer> anonymous = node.post(new JsonObject().put("user", "alice").put("message", "hi"));
    assertEquals(401, anonymous.statusCode(), anonymous.bodyAsString());

    // the body's user may be left out: the credential says who sends
    HttpResponse<Buffer> sent = node.postAs(alice, new JsonObject().put("message", "for bob only").put("to", "bob"));
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    assertEquals("alice", bobStream.awaitMessage("for bob only").getString("user"));
    aliceStream.awaitMessage("for bob only");
    node.postAs(alice, new JsonObject().put("message", "to everyone"));
    carolStream.awaitMessage("to everyone");
    assertFalse(carolStream.texts().contains("for bob only"), carolStream.texts().toString());
    assertFalse(carolStream.texts().contains("I am alice"));
  }

  @Test
  void resumingWithAnotherUsersIdReplaysOnlyTheCredentialsOwnChannels() {
    String bob = node.token("bob");
    String mallory = node.token("mallory");
    EventStream bobStream = track(node.openAs(bob, "/sse")).awaitWelcome();
    String alice = node.token("alice");
    node.postAs(alice, new JsonObject().put("message", "bob's secret").put("to", "bob"));
    bobStream.awaitMessage("bob's secret");
    String welcomeId = bobStream.events().get(0).id();

    // mallory presents bob's position, and a crafted one: both name positions, never channels of someone else
    for (String id : List.of(welcomeId, "a.1.0_u.1.0", "a.0.0_u.0.0")) {
      EventStream resumed = track(node.resumeAs(mallory, id));
      node.postAs(alice, new JsonObject().put("message", "marker " + id));
      resumed.awaitMessage("marker " + id);
      assertFalse(resumed.texts().contains("bob's secret"), resumed.texts().toString());
    }
  }

  @Test
  void aHeldNameIsRefused409UntilItsSessionLogsOut() {
    String first = node.token("alice");
    EventStream stream = track(node.openAs(first, "/sse")).awaitWelcome();
    HttpResponse<Buffer> taken = node.claim("alice");
    assertEquals(409, taken.statusCode(), taken.bodyAsString());
    assertEquals("the name 'alice' is taken; choose another", taken.bodyAsJsonObject().getString("errorMessage"));

    HttpResponse<Buffer> logout = Await.result(node.web().delete("/api/session")
      .putHeader("Authorization", "Bearer " + first).send());
    assertEquals(200, logout.statusCode(), logout.bodyAsString());
    assertTrue(logout.cookies().get(0).contains("Max-Age=0"), logout.cookies().toString());
    stream.awaitEnd();
    try (EventStream stale = node.openAs(first, "/sse")) {
      assertEquals(401, stale.status());
    }
    assertEquals(200, node.claim("alice").statusCode());
  }

  @Test
  void aNameStaysHeldWhileAStreamIsOpenAndForTheGracePeriodAfter() {
    String token = node.token("alice");
    EventStream stream = node.openAs(token, "/sse").awaitWelcome();
    // well past the grace period: the open stream keeps renewing the hold
    Await.pause(Duration.ofSeconds(GRACE_SECONDS * 2L));
    assertEquals(409, node.claim("alice").statusCode());
    stream.close();
    // a reload comes back within the grace period and finds its name still its own
    Await.pause(Duration.ofMillis(500));
    assertEquals(409, node.claim("alice").statusCode());
    EventStream reloaded = node.openAs(token, "/sse").awaitWelcome();
    reloaded.close();
    Await.until("the name is free once the grace period has passed", () -> node.claim("alice").statusCode() == 200,
      Duration.ofSeconds(GRACE_SECONDS * 3L));
    try (EventStream old = node.openAs(token, "/sse")) {
      assertEquals(401, old.status(), "the old session lost its name to the new one");
    }
  }

  @Test
  void claimingAgainWithTheSameSessionRotatesTheToken() {
    String first = node.token("alice");
    HttpResponse<Buffer> again = Await.result(node.web().post("/api/session")
      .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + first)
      .sendBuffer(Buffer.buffer(new JsonObject().put("user", "alice").encode())));
    assertEquals(200, again.statusCode(), again.bodyAsString());
    String second = again.bodyAsJsonObject().getString("token");
    assertNotEquals(first, second);
    try (EventStream old = node.openAs(first, "/sse")) {
      assertEquals(401, old.status());
    }
    track(node.openAs(second, "/sse")).awaitWelcome();
  }

  @Test
  void theCookieAndTheAccessTokenParameterWorkAsABrowsersEventSourceSendsThem() {
    String token = node.token("alice");
    track(node.open("/sse?access_token=" + token)).awaitWelcome();
    HttpResponse<Buffer> nobody = node.get("/api/session");
    assertEquals(200, nobody.statusCode(), "no credential at all is no one, not an error: " + nobody.bodyAsString());
    assertTrue(nobody.bodyAsJsonObject().containsKey("user") && nobody.bodyAsJsonObject().getValue("user") == null);
    HttpResponse<Buffer> who = Await.result(node.web().get("/api/session")
      .putHeader("Cookie", "tidings_session=" + token).send());
    assertEquals(200, who.statusCode(), who.bodyAsString());
    assertEquals("alice", who.bodyAsJsonObject().getString("user"));
  }

  @Test
  void aCrossOriginPostIsRefusedEvenWithAValidCookie() {
    String token = node.token("alice");
    String cookie = "tidings_session=" + token;
    String body = new JsonObject().put("message", "forged by evil.example").encode();
    HttpResponse<Buffer> crossOrigin = Await.result(node.web().post("/sse/message")
      .putHeader("Content-Type", "application/json").putHeader("Cookie", cookie)
      .putHeader("Origin", "https://evil.example").sendBuffer(Buffer.buffer(body)));
    assertEquals(403, crossOrigin.statusCode(), crossOrigin.bodyAsString());
    assertTrue(crossOrigin.bodyAsJsonObject().getString("errorMessage").contains("evil.example"));
    HttpResponse<Buffer> crossSite = Await.result(node.web().post("/sse/message")
      .putHeader("Content-Type", "application/json").putHeader("Cookie", cookie)
      .putHeader("Sec-Fetch-Site", "cross-site").sendBuffer(Buffer.buffer(body)));
    assertEquals(403, crossSite.statusCode(), crossSite.bodyAsString());
    HttpResponse<Buffer> logout = Await.result(node.web().delete("/api/session").putHeader("Cookie", cookie)
      .putHeader("Origin", "https://evil.example").send());
    assertEquals(403, logout.statusCode(), logout.bodyAsString());
    HttpResponse<Buffer> sameOrigin = Await.result(node.web().post("/sse/message")
      .putHeader("Content-Type", "application/json").putHeader("Cookie", cookie)
      .putHeader("Origin", "http://127.0.0.1:" + node.port()).putHeader("Sec-Fetch-Site", "same-origin")
      .sendBuffer(Buffer.buffer(body)));
    assertEquals(200, sameOrigin.statusCode(), sameOrigin.bodyAsString());
  }

  @Test
  void malformedAndOversizedCredentialsAre401WithTheErrorShape() {
    String valid = node.token("alice");
    List<String> authorizations = List.of("Bearer ", "Bearer " + "a".repeat(5000), "Basic YWxpY2U6c2VjcmV0",
      "Bearer not-a-token", "Bearer " + valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A"),
      "Bearer " + "YWxpY2U" + "." + "x".repeat(43), "Bearer //..//", "Bearer " + valid + "x",
      "Bearer ____." + "a".repeat(43));
    for (String authorization : authorizations) {
      HttpResponse<Buffer> answer = Await.result(node.web().get("/api/session")
        .putHeader("Authorization", authorization).send());
      assertEquals(401, answer.statusCode(), authorization + " -> " + answer.bodyAsString());
      assertEquals(false, answer.bodyAsJsonObject().getBoolean("succeeded"));
      assertTrue(answer.bodyAsJsonObject().getString("errorMessage").length() < 300);
    }
    HttpResponse<Buffer> controlInQuery = node.get("/api/session?access_token=abc%0Adef");
    assertEquals(401, controlInQuery.statusCode(), controlInQuery.bodyAsString());
    HttpResponse<Buffer> cookie = Await.result(node.web().get("/api/session")
      .putHeader("Cookie", "tidings_session=%00%ff").send());
    assertEquals(401, cookie.statusCode(), cookie.bodyAsString());
  }
}
