package io.tidings.presence;

import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.codec.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who is online: a snapshot when a stream opens, then batched joins and leaves. */
class PresenceTest {

  private TestNode node;

  @AfterEach
  void stop() {
    node.close();
  }

  private static List<JsonObject> presenceEvents(EventStream stream, String type) {
    return stream.events().stream().filter(e -> "presence".equals(e.event())).map(SseEvent::data)
      .map(JsonObject::new).filter(p -> type.equals(p.getString("type"))).toList();
  }

  private static Set<String> joined(EventStream stream) {
    Set<String> names = new HashSet<>();
    presenceEvents(stream, "change").forEach(c -> c.getJsonArray("joined").forEach(n -> names.add((String) n)));
    return names;
  }

  private static Set<String> left(EventStream stream) {
    Set<String> names = new HashSet<>();
    presenceEvents(stream, "change").forEach(c -> c.getJsonArray("left").forEach(n -> names.add((String) n)));
    return names;
  }

  @Test
  void newStreamGetsASnapshotOfWhoIsOnlineIncludingItself() {
    node = TestNode.start();
    EventStream alice = node.connect("alice");
    EventStream bob = node.connect("bob");
    Await.until("bob's snapshot", () -> !presenceEvents(bob, "snapshot").isEmpty());
    JsonObject snapshot = presenceEvents(bob, "snapshot").get(0);
    assertEquals(new JsonArray().add("alice").add("bob"), snapshot.getJsonArray("online"));
    assertEquals(2, snapshot.getInteger("total"));
    assertEquals(false, snapshot.getBoolean("truncated"));
    alice.close();
  }

  @Test
  void othersAreToldWhenAUserComesOnlineAndGoesOffline() {
    node = TestNode.start();
    EventStream watcher = node.connect("watcher");
    EventStream carol = node.connect("carol");
    Await.until("carol's join is announced", () -> joined(watcher).contains("carol"));
    carol.close();
    Await.until("carol's leave is announced", () -> left(watcher).contains("carol"));
  }

  @Test
  void userWithSeveralTabsStaysOnlineUntilTheLastTabCloses() {
    node = TestNode.start(new TidingsOptions().setPresenceIntervalMillis(100));
    EventStream watcher = node.connect("watcher");
    EventStream tab1 = node.connect("dave");
    EventStream tab2 = node.connect("dave");
    Await.until("dave's join is announced", () -> joined(watcher).contains("dave"));

    tab1.close();
    Await.until("the first tab is gone", () -> node.get("/health").bodyAsJsonObject().getInteger("streams") == 2);
    // several intervals pass: dave must still be online and not announced as gone
    Await.pause(Duration.ofMillis(400));
    assertTrue(!left(watcher).contains("dave"), "dave left too early");
    assertEquals(List.of("dave", "watcher"), onlineNames());

    tab2.close();
    Await.until("dave's leave is announced once his last tab closes", () -> left(watcher).contains("dave"));
    assertEquals(List.of("watcher"), onlineNames());
  }

  @Test
  void manyJoinsWithinOneIntervalAreBatchedIntoFewEvents() {
    node = TestNode.start(new TidingsOptions().setPresenceIntervalMillis(1000));
    EventStream watcher = node.connect("watcher");
    List<EventStream> crowd = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      crowd.add(node.connect("user" + i));
    }
    Await.until("all 50 joins are announced", () -> joined(watcher).size() >= 50, Duration.ofSeconds(5));
    // the first join may go out at once; the rest wait for the interval and go out together
    int changeEvents = presenceEvents(watcher, "change").size();
    assertTrue(changeEvents <= 3, "50 joins took " + changeEvents + " presence events");
    crowd.forEach(EventStream::close);
  }

  @Test
  void snapshotIsBoundedAndTheFullListIsPagedFromTheApi() {
    node = TestNode.start(new TidingsOptions().setPresenceSnapshotLimit(2));
    List<EventStream> streams = new ArrayList<>();
    for (String name : List.of("amy", "ben", "cat", "dan")) {
      streams.add(node.connect(name));
    }
    EventStream eve = node.connect("eve");
    Await.until("eve's snapshot", () -> !presenceEvents(eve, "snapshot").isEmpty());
    JsonObject snapshot = presenceEvents(eve, "snapshot").get(0);
    assertEquals(new JsonArray().add("amy").add("ben"), snapshot.getJsonArray("online"));
    assertEquals(5, snapshot.getInteger("total"));
    assertEquals(true, snapshot.getBoolean("truncated"));

    JsonObject page = node.get("/api/online?offset=2&limit=10").bodyAsJsonObject();
    assertEquals(new JsonArray().add("cat").add("dan").add("eve"), page.getJsonArray("users"));
    assertEquals(5, page.getInteger("total"));
    streams.forEach(EventStream::close);
  }

  @Test
  void streamThatOptsOutOfPresenceGetsNoPresenceEvents() {
    node = TestNode.start(new TidingsOptions().setPresenceIntervalMillis(50));
    EventStream quiet = node.open("/sse?user=backend&presence=false");
    quiet.awaitEvent("welcome", e -> "welcome".equals(e.event()));
    EventStream watcher = node.connect("watcher");
    EventStream someone = node.connect("someone");
    Await.until("the watcher hears of someone", () -> joined(watcher).contains("someone"));
    node.send("someone", "marker", null);
    quiet.awaitMessage("marker");
    assertTrue(quiet.events().stream().noneMatch(e -> "presence".equals(e.event())), "no snapshot, no changes");
    assertTrue(presenceEvents(watcher, "snapshot").get(0).getJsonArray("online").contains("backend"),
      "a quiet stream still counts as online");
    someone.close();
  }

  private List<String> onlineNames() {
    return node.get("/api/online").bodyAsJsonObject().getJsonArray("users").stream().map(String.class::cast).toList();
  }
}
