package io.tidings.connections;

import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.Metrics;
import io.tidings.support.TestNode;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening and closing streams leaves nothing behind: no consumer, no registry entry, no presence. */
class LeakTest {

  private static final String USER_CONSUMERS = "vertx_eventbus_handlers{address=\"tidings.channel.user:*\"}";
  private static final int STREAMS = 1000;
  private static final int USERS = 700; // some users have two tabs

  private TestNode node;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void thousandStreamsOpenedAndClosedLeaveNoConsumerRegistryEntryOrPresenceBehind() {
    node = TestNode.start(new TidingsOptions().setInstances(2).setPresenceIntervalMillis(100));
    double baseline = Metrics.value(node, USER_CONSUMERS);

    List<Future<EventStream>> opening = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      opening.add(node.openAsync("/sse?user=user" + (i % USERS)));
    }
    List<EventStream> streams = Await.result(Future.all(opening), Duration.ofSeconds(60)).list();
    Await.until("all streams are registered", () -> health("streams") == STREAMS, Duration.ofSeconds(30));
    Await.until("every user is online", () -> health("online") == USERS, Duration.ofSeconds(10));
    double consumers = Metrics.value(node, USER_CONSUMERS) - baseline;
    // one consumer per user per verticle instance holding one of their streams, never one per stream
    assertTrue(consumers >= USERS && consumers < STREAMS, "user consumers while open: " + consumers);

    streams.forEach(EventStream::close);

    Await.until("no stream is left", () -> health("streams") == 0, Duration.ofSeconds(30));
    Await.until("no user consumer is left", () -> Metrics.value(node, USER_CONSUMERS) == baseline,
      Duration.ofSeconds(10));
    Await.until("nobody is online", () -> health("online") == 0, Duration.ofSeconds(10));
    assertEquals(0.0, Metrics.value(node, "tidings_streams_open"));
    assertEquals(0, node.get("/api/online").bodyAsJsonObject().getJsonArray("users").size());
  }

  private int health(String field) {
    return node.get("/health").bodyAsJsonObject().getInteger(field);
  }
}
