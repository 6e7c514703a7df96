package io.tidings.presence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PresenceChangesTest {

  @Test
  void reportsWhoJoinedAndWhoLeftSinceTheLastPublication() {
    PresenceChanges changes = new PresenceChanges();
    changes.record("alice", false);
    changes.record("bob", true);
    JsonObject change = changes.drain(Set.of("alice")::contains, 1);
    assertEquals(new JsonArray().add("alice"), change.getJsonArray("joined"));
    assertEquals(new JsonArray().add("bob"), change.getJsonArray("left"));
    assertEquals(1, change.getInteger("total"));
    assertTrue(changes.isEmpty());
  }

  @Test
  void joiningAndLeavingWithinOneIntervalIsNotAnnounced() {
    PresenceChanges changes = new PresenceChanges();
    changes.record("alice", false); // joined
    changes.record("alice", true);  // and left again
    assertNull(changes.drain(user -> false, 0));
  }

  @Test
  void leavingAndComingBackWithinOneIntervalIsNotAnnounced() {
    PresenceChanges changes = new PresenceChanges();
    changes.record("alice", true);  // left
    changes.record("alice", false); // and came back
    assertNull(changes.drain(user -> true, 1));
  }
}
