package io.tidings.bus;

import io.tidings.config.TidingsOptions;
import io.tidings.hub.Channel;
import io.tidings.support.Await;
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
      assertTrue(event.id() != null && event.id().startsWith("a."), "the SSE id is the stream's cursor: " + event.id());
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

    JsonObject kept = Await.result(node.tidings().vertx().eventBus().<JsonObject>request(Addresses.PUBLISH,
      new JsonObject().put("to", "alice").put("event", "invoice").put("data", new JsonObject().put("total", 42)))).body();
    assertEquals("user:alice", kept.getString("channel"));
    assertEquals(1, kept.getLong("seq"));
    Await.result(node.tidings().vertx().eventBus().request(Addresses.PUBLISH,
      new JsonObject().put("event", "status").put("data", new JsonArray().add("ok"))));

    SseEvent invoice = alice.awaitEvent("invoice", e -> "invoice".equals(e.event()));
    assertEquals(42, new JsonObject(invoice.data()).getInteger("total"));
    bob.awaitEvent("status", e -> "status".equals(e.event()));
    alice.awaitEvent("status", e -> "status".equals(e.event()));
    assertTrue(bob.events().stream().noneMatch(e -> "invoice".equals(e.event())));
  }

  @Test
  void textNotificationWithLineBreaksArrivesAsOneEventWithItsLines() {
    EventStream alice = node.connect("alice");

    Await.result(node.tidings().services().hub().publish(Channel.user("alice"),
      BusEvent.of("note", "first\r\nsecond\rthird\nfourth")));

    SseEvent note = alice.awaitEvent("note", e -> "note".equals(e.event()));
    // the EventSource algorithm joins data lines with LF, whatever the line break was
    assertEquals("first\nsecond\nthird\nfourth", note.data());
    assertTrue(alice.raw().contains("event: note\ndata: first\ndata: second\ndata: third\ndata: fourth\nid: "),
      alice.raw());
  }

  @Test
  void malformedBusEventIsDroppedAndTheStreamStaysOpen() {
    EventStream alice = node.connect("alice");

    Throwable refused = Await.failure(node.tidings().vertx().eventBus().request(Addresses.PUBLISH,
      new JsonObject().put("to", "alice").put("event", "evil\n\nevent: injected").put("data", "x")));
    assertTrue(refused.getMessage().contains("line breaks"), refused.getMessage());
    // and straight onto the fan-out address, bypassing the hub: the feed drops what is not stamped
    node.tidings().vertx().eventBus().publish(Channel.user("alice").address(),
      new JsonObject().put("event", "evil\n\nevent: injected").put("data", "x"));
    node.send("bob", "still here", null);

    alice.awaitMessage("still here");
    assertFalse(alice.isEnded());
    assertTrue(alice.events().stream().noneMatch(e -> "injected".equals(e.event()) || "evil".equals(e.event())));
    assertNull(alice.events().stream().filter(e -> "x".equals(e.data())).findFirst().orElse(null));
  }
}
