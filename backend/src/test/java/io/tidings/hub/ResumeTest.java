package io.tidings.hub;

import io.tidings.config.HistoryOptions;
import io.tidings.config.TidingsOptions;
import io.tidings.support.Await;
import io.tidings.support.EventStream;
import io.tidings.support.Metrics;
import io.tidings.support.TestNode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.codec.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stream that comes back with its last id gets what it missed, in order, exactly once, then goes on live. */
class ResumeTest {

  private TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void streamCutAndResumedByHeaderGetsWhatWasSentMeanwhileThenLiveMessages() {
    node = TestNode.start();
    EventStream bob = node.connect("bob");
    node.send("alice", "before", null);
    bob.awaitMessage("before");
    String lastId = bob.lastId();
    bob.close();

    node.send("alice", "away 1", null);
    node.send("alice", "away 2 (direct)", "bob");
    node.send("carol", "away 3", null);
    node.send("alice", "not for bob", "carol");

    EventStream back = node.resume("bob", lastId);
    back.awaitMessage("away 3");
    node.send("alice", "live", null);
    back.awaitMessage("live");
    assertEquals(List.of("away 1", "away 2 (direct)", "away 3", "live"), back.texts());
    assertEquals(1.0, Metrics.value(node, "tidings_streams_resumed_total{outcome=\"complete\"}"));
  }

  @Test
  void resumeByQueryParameterWorksLikeTheHeaderAndTheHeaderWinsOverAStaleQuery() {
    node = TestNode.start();
    EventStream bob = node.connect("bob");
    node.send("alice", "one", null);
    bob.awaitMessage("one");
    String afterOne = bob.lastId();
    node.send("alice", "two", null);
    bob.awaitMessage("two");
    String afterTwo = bob.lastId();
    bob.close();
    node.send("alice", "three", null);

    EventStream byQuery = node.open("/sse?user=bob&presence=false&lastEventId=" + afterOne);
    byQuery.awaitMessage("three");
    assertEquals(List.of("two", "three"), byQuery.texts());
    byQuery.close();

    // a browser reconnecting by itself sends the newer id in the header, with the page's old URL
    io.vertx.core.http.HttpClient client = node.tidings().vertx().createHttpClient();
    EventStream both = Await.result(EventStream.openAsync(client, node.port(),
      "/sse?user=bob&presence=false&lastEventId=" + afterOne, afterTwo));
    both.awaitMessage("three");
    assertEquals(List.of("three"), both.texts());
    both.close();
    // closed here, which also keeps it reachable till now: Vert.x closes a client once unreachable
    Await.result(client.close());
  }

  @Test
  void twoSendersPostingThroughTheCutLoseNothingAndDuplicateNothing() throws Exception {
    node = TestNode.start(new TidingsOptions().setInstances(2));
    EventStream first = node.connect("reader");
    List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> senders = new ArrayList<>();
    for (String sender : List.of("s1", "s2")) {
      Thread thread = new Thread(() -> {
        for (int i = 0; running.get() && i < 400; i++) {
          String text = sender + "-" + i;
          // half to everyone, half direct: both of the reader's channels move during the cut
          node.send(sender, text, i % 2 == 0 ? null : "reader");
          accepted.add(text);
        }
      });
      thread.start();
      senders.add(thread);
    }
    Await.until("the reader receives some messages", () -> first.texts().size() >= 40, Duration.ofSeconds(20));
    String lastId = first.lastId();
    List<String> beforeCut = textsUpTo(first, lastId);
    first.close();
    Await.pause(Duration.ofMillis(100));
    EventStream second = node.resume("reader", lastId);
    for (Thread thread : senders) {
      thread.join(60_000);
    }
    running.set(false);
    Await.until("the resumed stream has every accepted message",
      () -> second.texts().size() + beforeCut.size() >= accepted.size(), Duration.ofSeconds(20));

    List<String> all = new ArrayList<>(beforeCut);
    all.addAll(second.texts());
    assertEquals(accepted.size(), all.size(), "every accepted message exactly once");
    assertEquals(Set.copyOf(accepted), Set.copyOf(all));
    for (String sender : List.of("s1", "s2")) {
      List<Integer> order = all.stream().filter(t -> t.startsWith(sender + "-"))
        .map(t -> Integer.parseInt(t.substring(3))).toList();
      assertEquals(IntStream.range(0, order.size()).boxed().toList(), order, "each sender's messages in posting order");
    }
  }

  @Test
  void everyStreamOfAChannelSeesOneOrderUnderConcurrentSendersOnDifferentEventLoops() throws Exception {
    node = TestNode.start(new TidingsOptions().setInstances(2));
    List<EventStream> readers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      readers.add(node.connect("reader" + i));
    }
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> senders = new ArrayList<>();
    int perSender = 100;
    for (int s = 0; s < 4; s++) {
      String sender = "s" + s;
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < perSender; i++) {
            node.send(sender, sender + "-" + i, null);
          }
        } catch (Throwable t) {
          failures.add(t);
        }
      });
      thread.start();
      senders.add(thread);
    }
    for (Thread thread : senders) {
      thread.join(60_000);
    }
    assertTrue(failures.isEmpty(), failures.toString());
    for (EventStream reader : readers) {
      Await.until("a reader has every message", () -> reader.texts().size() == 4 * perSender, Duration.ofSeconds(20));
    }
    List<String> reference = readers.get(0).texts();
    for (EventStream reader : readers) {
      assertEquals(reference, reader.texts(), "one order for every stream of the channel");
    }
    // and that order is the history's: a fresh stream asking for it replays the same sequence
    EventStream late = node.open("/sse?user=late&presence=false&history=" + (4 * perSender));
    Await.until("the late stream has the history", () -> late.texts().size() == 4 * perSender, Duration.ofSeconds(10));
    assertEquals(reference, late.texts());
  }

  @Test
  void resumingBeyondWhatIsKeptGetsMissedThenWhatWasKept() {
    node = TestNode.start(new TidingsOptions().setHistory(new HistoryOptions().setSize(5)));
    EventStream bob = node.connect("bob");
    node.send("alice", "seen", null);
    bob.awaitMessage("seen");
    String lastId = bob.lastId();
    bob.close();
    for (int i = 0; i < 10; i++) {
      node.send("alice", "m" + i, null);
    }

    EventStream back = node.resume("bob", lastId);
    back.awaitMessage("m9");
    SseEvent missed = back.awaitEvent("missed", e -> "missed".equals(e.event()));
    assertEquals("expired", new JsonObject(missed.data()).getString("reason"));
    assertEquals(List.of("m5", "m6", "m7", "m8", "m9"), back.texts());
    assertTrue(indexOf(back, "missed") < indexOfMessage(back, "m5"), "missed comes before the kept events");
    assertEquals(1.0, Metrics.value(node, "tidings_streams_resumed_total{outcome=\"missed\"}"));

    // asking for more than is kept is no error: a page that asks for 50 works on any node
    EventStream recent = node.open("/sse?user=carol&presence=false&history=50");
    recent.awaitMessage("m9");
    assertEquals(List.of("m5", "m6", "m7", "m8", "m9"), recent.texts());
  }

  @Test
  void unreadableOrForgedIdsGetMissedThenEverythingKeptAndNeverAnotherUsersMessages() {
    node = TestNode.start();
    node.send("alice", "public", null);
    node.send("alice", "secret for carol", "carol");
    EventStream carol = node.connect("carol");
    carol.close();

    for (String id : List.of("garbage", "a.1.1_u.1.1_a.2.2", "a.zzzzzzzzzzzz.zzzzzzzzzzzz_u.1.zzzz", "x".repeat(5000),
      "%00", "a.-1.5")) {
      EventStream mallory = node.resume("mallory", id);
      SseEvent missed = mallory.awaitEvent("missed for " + id.substring(0, Math.min(20, id.length())),
        e -> "missed".equals(e.event()));
      assertNotNull(new JsonObject(missed.data()).getString("reason"));
      mallory.awaitMessage("public");
      assertTrue(mallory.texts().stream().noneMatch(t -> t.contains("secret")), "an id never opens another user's channel");
      mallory.close();
    }
    // carol's own id, used by mallory, positions mallory in mallory's channels only
    String carolsId = node.resume("carol", "garbage").lastId();
    EventStream mallory = node.resume("mallory", carolsId);
    node.send("alice", "after", null);
    mallory.awaitMessage("after");
    assertTrue(mallory.texts().stream().noneMatch(t -> t.contains("secret")));
  }

  @Test
  void historyParameterReplaysTheLastEventsOfTheStreamsViewOldestFirst() {
    node = TestNode.start();
    node.send("alice", "old", null);
    node.send("alice", "to bob", "bob");
    node.send("alice", "to carol", "carol");
    node.send("alice", "newest", null);

    EventStream bob = node.open("/sse?user=bob&presence=false&history=2");
    bob.awaitMessage("newest");
    assertEquals(List.of("to bob", "newest"), bob.texts());
    EventStream all = node.open("/sse?user=bob&presence=false&history=50");
    all.awaitMessage("newest");
    assertEquals(List.of("old", "to bob", "newest"), all.texts());

    for (String bad : List.of("-1", "abc", "1001", "99999999999", "1.5", "")) {
      var response = node.get("/sse?user=bob&history=" + bad);
      assertEquals(400, response.statusCode(), bad);
      assertTrue(response.bodyAsJsonObject().getString("errorMessage").contains("'history'"), response.bodyAsString());
    }
  }

  @Test
  void anIdFromARestartedSingleNodeGetsMissedBecauseItsHistoryWasLost() {
    node = TestNode.start();
    EventStream bob = node.connect("bob");
    node.send("alice", "before the restart", null);
    bob.awaitMessage("before the restart");
    String lastId = bob.lastId();
    node.close();

    node = TestNode.start();
    node.send("alice", "after the restart", null);
    EventStream back = node.resume("bob", lastId);
    SseEvent missed = back.awaitEvent("missed", e -> "missed".equals(e.event()));
    assertEquals("reset", new JsonObject(missed.data()).getString("reason"));
    back.awaitMessage("after the restart");
  }

  @Test
  void directMessagesToMadeUpNamesAreBoundedAndTheOldestChannelsGoFirst() {
    node = TestNode.start(new TidingsOptions().setHistory(new HistoryOptions().setMaxChannels(3)));
    for (int i = 0; i < 5; i++) {
      node.send("alice", "for ghost" + i, "ghost" + i);
    }
    // alice's own channel and ghosts 3 and 4 are the three most recently used
    EventStream ghost0 = node.open("/sse?user=ghost0&presence=false&history=10");
    EventStream ghost4 = node.open("/sse?user=ghost4&presence=false&history=10");
    ghost4.awaitMessage("for ghost4");
    ghost0.awaitEvent("welcome", e -> "welcome".equals(e.event()));
    Await.pause(Duration.ofMillis(200));
    assertEquals(List.of(), ghost0.texts(), "the least recently used channel was dropped");
    assertEquals(3.0, Metrics.value(node, "tidings_history_channels_evicted_total"));
  }

  private static List<String> textsUpTo(EventStream stream, String id) {
    List<String> texts = new ArrayList<>();
    for (SseEvent event : stream.events()) {
      if (EventStream.isChatMessage(event)) {
        texts.add(new JsonObject(event.data()).getString("message"));
      }
      if (id.equals(event.id())) {
        break;
      }
    }
    return texts;
  }

  private static int indexOf(EventStream stream, String type) {
    List<SseEvent> events = stream.events();
    return IntStream.range(0, events.size()).filter(i -> type.equals(events.get(i).event())).findFirst().orElse(-1);
  }

  private static int indexOfMessage(EventStream stream, String text) {
    List<SseEvent> events = stream.events();
    return IntStream.range(0, events.size()).filter(i -> EventStream.isChatMessage(events.get(i))
      && text.equals(new JsonObject(events.get(i).data()).getString("message"))).findFirst().orElse(-1);
  }
}
