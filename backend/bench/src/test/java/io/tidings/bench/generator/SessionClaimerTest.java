package io.tidings.bench.generator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims against a stand-in for {@code POST /api/session}: every token comes back at its own
 * index, and a refused or unanswered claim counts as failed without stopping the others; a 429
 * (a rate limit) counts as refused too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionClaimerTest {

  private Vertx vertx;
  private HttpServer server;
  private SessionClaimer claimer;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // names ending in 7 are taken (409), names ending in 9 rate-limited (429); name u13's claim closes the
    // connection unanswered
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String user = new JsonObject(body).getString("user");
      if (user.equals("u13")) {
        request.connection().close();
      } else if (user.endsWith("9")) {
        request.response().setStatusCode(429).putHeader("retry-after", "30").end("too many");
      } else if (user.endsWith("7")) {
        request.response().setStatusCode(409).end("{\"succeeded\":false,\"errorMessage\":\"taken\"}");
      } else {
        request.response().putHeader("content-type", "application/json")
          .end(new JsonObject().put("user", user).put("token", "t-" + user).encode());
      }
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    claimer = new SessionClaimer();
    vertx.deployVerticle(claimer).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void everyTokenComesBackAtItsIndexAndRefusalsCountAsFailed() throws Exception {
    Claimed claimed = claimer.run(new ClaimSpec("127.0.0.1", server.actualPort(), "/api/session",
      "{\"user\":\"u{i}\"}", 5, 45, null, 4, 10_000)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    // 7, 17, 27, 37 taken, 9, 19, 29, 39 rate-limited, and 13 unanswered, of 5 to 44
    assertEquals(31, claimed.ok(), claimed.toString());
    assertEquals(9, claimed.failed(), claimed.toString());
    assertEquals(4, claimed.refused(), "only the 429s are refusals: " + claimed);
    assertEquals(40, claimed.tokens().size());
    assertEquals("t-u5", claimed.tokens().get(0));
    assertEquals("t-u44", claimed.tokens().get(39));
    assertNull(claimed.tokens().get(7 - 5), "a refused claim has no token");
    assertNull(claimed.tokens().get(13 - 5), "an unanswered claim has no token");
    assertTrue(claimed.firstError() != null && claimed.firstError().startsWith("claim "), claimed.firstError());
    assertEquals(claimed.tokens(), Claimed.fromJson(claimed.toJson()).tokens(), "the same after a trip through JSON");
    assertEquals(4, Claimed.fromJson(claimed.toJson()).refused(), "refusals survive the trip through JSON");
  }
}
