package io.tidings.ratelimit;

import io.tidings.config.RateLimitOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rate limit, exceeded over real HTTP: a 429 that says which limit, with Retry-After. */
class RateLimitsTest {

  private TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static void assertLimited(HttpResponse<Buffer> answer, String saying) {
    assertEquals(429, answer.statusCode(), answer.bodyAsString());
    int retryAfter = Integer.parseInt(answer.getHeader("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertTrue(answer.bodyAsJsonObject().getString("errorMessage").contains(saying), answer.bodyAsString());
  }

  @Test
  void messagesPastTheLimitPerUserAre429AndOtherUsersStillPost() {
    node = TestNode.startAsConfigured(new TidingsOptions().setRateLimits(new RateLimitOptions().setMessagesPerUser(5)));
    String alice = node.token("alice");
    String bob = node.token("bob");
    for (int i = 0; i < 5; i++) {
      assertEquals(200, node.postAs(alice, new JsonObject().put("message", "m" + i)).statusCode());
    }
    assertLimited(node.postAs(alice, new JsonObject().put("message", "one too many")), "messages from user 'alice'");
    assertEquals(200, node.postAs(bob, new JsonObject().put("message", "bob is not limited")).statusCode());
  }

  @Test
  void messagesPastTheLimitPerAddressAre429WhateverTheName() {
    node = TestNode.startAsConfigured(new TidingsOptions().setRateLimits(new RateLimitOptions().setMessagesPerAddress(4)));
    for (int i = 0; i < 4; i++) {
      assertEquals(200, node.postAs(node.token("u" + i), new JsonObject().put("message", "m")).statusCode());
    }
    assertLimited(node.postAs(node.token("u9"), new JsonObject().put("message", "m")), "messages from this address");
  }

  @Test
  void sessionsClaimedPastTheLimitPerAddressAre429() {
    node = TestNode.startAsConfigured(new TidingsOptions().setRateLimits(new RateLimitOptions().setSessionsPerAddress(3)));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, node.claim("name" + i).statusCode());
    }
    assertLimited(node.claim("name3"), "names claimed from this address");
  }

  @Test
  void streamsOpenedPastTheLimitPerAddressAre429() {
    node = TestNode.startAsConfigured(new TidingsOptions().setRateLimits(new RateLimitOptions().setStreamsPerAddress(3)));
    String alice = node.token("alice");
    for (int i = 0; i < 3; i++) {
      node.openAs(alice, "/sse").awaitWelcome().close();
    }
    try (EventStream refused = node.openAs(alice, "/sse")) {
      assertEquals(429, refused.status());
      assertTrue(Integer.parseInt(refused.response().getHeader("Retry-After")) >= 1);
      Await.until("the refusal arrives", () -> refused.raw().contains("streams opened from this address"),
        java.time.Duration.ofSeconds(5));
    }
  }
}
