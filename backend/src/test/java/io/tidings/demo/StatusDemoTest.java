package io.tidings.demo;

import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusDemoTest {

  @Test
  void demoStatusPushesAPeriodicStatusEventToEveryone() {
    try (TestNode node = TestNode.start(new TidingsOptions().setDemoStatus(true).setDemoStatusSeconds(1));
         EventStream alice = node.connect("alice")) {
      Await.until("two status events", () -> alice.count("status") >= 2, Duration.ofSeconds(5));
      JsonObject status = new JsonObject(alice.events().stream().filter(e -> "status".equals(e.event()))
        .reduce((a, b) -> b).orElseThrow().data());
      assertEquals(1, status.getInteger("streams"));
      assertEquals(1, status.getInteger("online"));
      assertTrue(status.containsKey("time"));
    }
  }

  @Test
  void withoutTheFlagNoStatusEventIsSent() {
    try (TestNode node = TestNode.start(new TidingsOptions().setDemoStatusSeconds(1));
         EventStream alice = node.connect("alice")) {
      Await.pause(Duration.ofMillis(1500));
      assertEquals(0, alice.count("status"));
    }
  }
}
