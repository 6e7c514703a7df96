package io.tidings.bus;

import io.tidings.config.TidingsOptions;
import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.codec.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages travel over the event bus to exactly the streams they are for. */
class MessageRoutingTest {

  private TestNode node;

  // two HTTP instances, as on a 2-core machine by default: a user's tabs land on different event loops
  @BeforeEach
  void start() {
    node = TestNode.start(new TidingsOptions().setInstances(2));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void broadcastReachesEveryConnectedUserWithItsIdAndFields() {
    EventStream alice = node.connect("alice");
    EventStream bob = node.connect("bob");

    String id = node.send("alice", "hello everyone", null);

    for (EventStream stream : new EventStream[] {alice, bob}) {
      JsonObject message = stream.awaitMessage("hello everyone");
      assertEquals(id, message.getString("id"));
      assertEquals("alice", message.getString("user"));
      assertTrue(message.containsKey("to") && message.getValue("to") == null, "to is null for everyone");
      assertNotNull(java.time.Instant.parse(message.getString("time")));
      SseEvent event = stream.events().stream().filter(e -> e.data() != null && e.data().contains(id)).findFirst()
        .orElseThrow();
      assertEquals(id, event.id(), "the SSE id field carries the message id");
    }
  }

  @Test
  void directMessageReachesEveryTabOfItsRecipientAndOfItsSenderOnly() {
    EventStream aliceTab1 = node.connect("alice");
    EventStream aliceTab2 = node.connect("alice");
    EventStream bobTab1 = node.connect("bob");
    EventStream bobTab2 = node.connect("bob");
    EventStream carol = node.connect("carol");

    node.send("bob", "psst alice", "alice");
    node.send("bob", "marker for everyone", null);

    for (EventStream stream : new EventStream[] {aliceTab1, aliceTab2, bobTab1, bobTab2}) {
      assertEquals("alice", stream.awaitMessage("psst alice").getString("to"));
    }
    carol.awaitMessage("marker for everyone");
    assertTrue(carol.messages().stream().noneMatch(m -> m.getString("message").equals("psst alice")),
      "a direct message must not reach a third user");
  }

  @Test
  void directMessageToSelfArrivesOncePerTab() {
    EventStream tab = node.connect("alice");
    node.send("alice", "note to self", "alice");
    node.send("alice", "after", null);
    tab.awaitMessage("after");
    assertEquals(1, tab.messages().stream().filter(m -> m.getString("message").equals("note to self")).count());
  }

  @Test
  void anotherServiceOnTheBusPushesItsOwnEventTypeToOneUser() {
    EventStream alice = node.connect("alice");
    EventStream bob = node.connect("bob");

    node.tidings().vertx().eventBus().publish(Addresses.user("alice"),
      BusEvent.of("invoice", new JsonObject().put("total", 42)).toJson());
    node.tidings().vertx().eventBus().publish(Addresses.BROADCAST,
      BusEvent.of("status", new JsonArray().add("ok")).toJson());

    SseEvent invoice = alice.awaitEvent("invoice", e -> "invoice".equals(e.event()));
    assertEquals(42, new JsonObject(invoice.data()).getInteger("total"));
    bob.awaitEvent("status", e -> "status".equals(e.event()));
    alice.awaitEvent("status", e -> "status".equals(e.event()));
    assertTrue(bob.events().stream().noneMatch(e -> "invoice".equals(e.event())));
  }

  @Test
  void textNotificationWithLineBreaksArrivesAsOneEventWithItsLines() {
    EventStream alice = node.connect("alice");

    node.tidings().vertx().eventBus().publish(Addresses.user("alice"),
      BusEvent.of("note", "first\r\nsecond\rthird\nfourth").toJson());

    SseEvent note = alice.awaitEvent("note", e -> "note".equals(e.event()));
    // the EventSource algorithm joins data lines with LF, whatever the line break was
    assertEquals("first\nsecond\nthird\nfourth", note.data());
    assertTrue(alice.raw().contains("event: note\ndata: first\ndata: second\ndata: third\ndata: fourth\n\n"));
  }

  @Test
  void malformedBusEventIsDroppedAndTheStreamStaysOpen() {
    EventStream alice = node.connect("alice");

    node.tidings().vertx().eventBus().publish(Addresses.user("alice"),
      new JsonObject().put("event", "evil\n\nevent: injected").put("data", "x"));
    node.send("bob", "still here", null);

    alice.awaitMessage("still here");
    assertFalse(alice.isEnded());
    assertTrue(alice.events().stream().noneMatch(e -> "injected".equals(e.event()) || "evil".equals(e.event())));
    assertNull(alice.events().stream().filter(e -> "x".equals(e.data())).findFirst().orElse(null));
  }
}
