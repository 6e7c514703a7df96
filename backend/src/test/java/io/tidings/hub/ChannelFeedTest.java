package io.tidings.hub;

import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.Metrics;
import io.tidings.support.TestNode;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A feed puts a channel's events back into their order whatever order the bus delivers them in,
 * and fills from the history what the bus never delivers (a publisher that died between keeping
 * an event and fanning it out, a dropped bus connection).
 */
class ChannelFeedTest {

  private TestNode node;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void anEventOvertakenOnTheBusIsStillDeliveredInTheChannelsOrder() {
    node = TestNode.start();
    EventStream bob = node.connect("bob");
    AtomicReference<DeliveryContext<Object>> held = new AtomicReference<>();
    // hold back the fan-out of the second message: the third overtakes it
    node.tidings().vertx().eventBus().addOutboundInterceptor(ctx -> {
      if (isFanOutOf(ctx, "second") && held.compareAndSet(null, ctx)) {
        node.tidings().vertx().setTimer(100, id -> ctx.next());
        return;
      }
      ctx.next();
    });
    node.send("alice", "first", null);
    node.send("alice", "second", null);
    node.send("alice", "third", null);

    bob.awaitMessage("third");
    assertEquals(List.of("first", "second", "third"), bob.texts());
    assertTrue(held.get() != null, "the second fan-out was held back");
    assertEquals(0.0, Metrics.value(node, "tidings_feed_gaps_repaired_total"), "it arrived before a repair was due");
  }

  @Test
  void anEventTheBusNeverDeliversIsReadFromTheHistory() {
    node = TestNode.start();
    EventStream bob = node.connect("bob");
    sendWithTheMiddleFanOutLost();

    bob.awaitMessage("after");
    assertEquals(List.of("before", "lost", "after"), bob.texts());
    assertTrue(Metrics.value(node, "tidings_feed_gaps_repaired_total") >= 1.0);
    // and the channel goes on live
    node.send("alice", "later", null);
    bob.awaitMessage("later");
    assertEquals(0, bob.count("missed"));
  }

  @Test
  void aGapTheHistoryCannotFillIsReportedAsMissedAndTheChannelGoesOn() {
    node = TestNode.start(new io.tidings.config.TidingsOptions()
      .setHistory(new io.tidings.config.HistoryOptions().setSize(0)));
    EventStream bob = node.connect("bob");
    sendWithTheMiddleFanOutLost();

    bob.awaitMessage("after");
    bob.awaitEvent("missed", e -> "missed".equals(e.event()), Duration.ofSeconds(5));
    assertEquals(List.of("before", "after"), bob.texts());
    node.send("alice", "later", null);
    bob.awaitMessage("later");
    Await.pause(Duration.ofMillis(50));
  }

  /** "before", "lost" and "after", kept in that order; the bus never delivers "lost". */
  private void sendWithTheMiddleFanOutLost() {
    node.tidings().vertx().eventBus().addOutboundInterceptor(ctx -> {
      if (!isFanOutOf(ctx, "lost")) {
        ctx.next();
      }
    });
    node.send("alice", "before", null);
    node.send("alice", "lost", null);
    node.send("alice", "after", null);
  }

  private static boolean isFanOutOf(DeliveryContext<Object> ctx, String text) {
    return ctx.message().address().equals(Channel.EVERYONE.address()) && ctx.body() instanceof JsonObject body
      && body.encode().contains("\"message\":\"" + text + "\"");
  }
}
