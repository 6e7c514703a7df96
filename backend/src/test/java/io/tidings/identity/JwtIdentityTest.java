package io.tidings.identity;

import io.tidings.config.IdentityOptions;
import io.tidings.config.RateLimitOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --auth jwt} over real HTTP: a token the provider signed names its user; others are refused. */
class JwtIdentityTest {

  private static final String SECRET = "a-test-hs256-secret-of-at-least-32-bytes";

  private TestNode node;
  private Vertx vertx;
  private JWTAuth provider;

  @BeforeEach
  void start() {
    node = TestNode.startAsConfigured(new TidingsOptions().setRateLimits(RateLimitOptions.unlimited())
      .setIdentity(new IdentityOptions().setMode(AuthMode.JWT).setJwtSecret(SECRET)));
    vertx = Vertx.vertx();
    provider = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
      .setBuffer(SECRET)));
  }

  @AfterEach
  void stop() {
    node.close();
    Await.result(vertx.close());
  }

  private HttpResponse<Buffer> whoAmI(String token) {
    return Await.result(node.web().get("/api/session").putHeader("Authorization", "Bearer " + token).send());
  }

  @Test
  void aSignedTokenWithAnExpiryIsItsSubject() {
    String token = provider.generateToken(new JsonObject().put("sub", "alice"), new JWTOptions().setExpiresInSeconds(600));
    HttpResponse<Buffer> answer = whoAmI(token);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    assertEquals("alice", answer.bodyAsJsonObject().getString("user"));
  }

  @Test
  void aTokenSignedWithAnotherSecretOrWithoutExpiryIsRefused() {
    JWTAuth stranger = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
      .setAlgorithm("HS256").setBuffer("another-hs256-secret-of-at-least-32-bytes")));
    String forged = stranger.generateToken(new JsonObject().put("sub", "alice"), new JWTOptions().setExpiresInSeconds(600));
    assertEquals(401, whoAmI(forged).statusCode());
    String endless = provider.generateToken(new JsonObject().put("sub", "alice"), new JWTOptions());
    assertEquals(401, whoAmI(endless).statusCode());
  }
}
