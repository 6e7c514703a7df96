package io.tidings.bench.generator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scanner's reading of ids and event names, as a resuming EventSource needs them: the last
 * id is that of the last whole event, wherever the id line sits in it and however the reads cut it.
 */
class EventScannerTest {

  // Tidings writes the id last (it adds each stream's position to a shared encoding), others first
  private static final String STREAM = "retry: 2000\n"
    + "id: w.0\nevent: welcome\ndata: {\"user\":\"u1\"}\n\n"
    + ":\n"
    + "event: presence\ndata: {\"joined\":[\"u2\"]}\n\n"
    + "event: message\ndata: {\"message\":\"bench:11;\"}\nid: e.1_a-B\n\n"
    + "id: e.2\ndata: {\"message\":\"bench:12;\"}\n\n";

  @Test
  void theLastIdIsTheLastWholeEventsAtEveryReadBoundary() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.US_ASCII);
    for (int cut = 0; cut <= bytes.length; cut++) {
      Seen seen = new Seen();
      EventScanner scanner = new EventScanner();
      scanner.scan(bytes, 0, cut, seen);
      scanner.scan(bytes, cut, bytes.length, seen);
      assertEquals("e.2", scanner.lastEventId(), "last id with a read boundary at " + cut);
      assertEquals(List.of(11L, 12L), seen.markers, "markers with a read boundary at " + cut);
      assertEquals(4, seen.events, "events (the keep-alive comment is none) with a read boundary at " + cut);
    }
  }

  @Test
  void anEventWithoutAnIdKeepsTheLastOne() {
    EventScanner scanner = scan("id: a\ndata: x\n\nevent: presence\ndata: y\n\n", new Seen());
    assertEquals("a", scanner.lastEventId());
  }

  @Test
  void anEventCutOffByItsConnectionCountsForNothingAndTheIdBeforeItIsKept() {
    Seen seen = new Seen();
    EventScanner scanner = scan("id: a\ndata: {\"message\":\"bench:1;\"}\n\nid: b\ndata: {\"message\":\"bench:2;\"}\n", seen);
    assertEquals("a", scanner.lastEventId(), "b never ended");
    assertEquals(List.of(1L), seen.markers);

    scanner.newConnection();
    byte[] next = "data: {\"message\":\"bench:3;\"}\nid: c\n\n".getBytes(StandardCharsets.US_ASCII);
    scanner.scan(next, 0, next.length, seen);
    assertEquals("c", scanner.lastEventId(), "the new connection's first event");
    assertEquals(List.of(1L, 3L), seen.markers, "nothing of the cut event leaks into the next connection");
  }

  @Test
  void missedAndReconnectEventsAreToldOthersAreNot() {
    Seen seen = new Seen();
    scan("event: missed\ndata: {\"reason\":\"too old\"}\n\nevent: missedx\ndata: x\n\n"
      + "event:reconnect\ndata: {}\n\nevent: reconnect\n", seen);
    assertEquals(1, seen.missed, "one missed event (missedx is another name)");
    assertEquals(1, seen.reconnects, "the unended reconnect event is not told");
  }

  @Test
  void noIdBeforeAnyEventHadOneAndAnEmptyIdForgetsIt() {
    EventScanner scanner = scan("data: x\n\n", new Seen());
    assertNull(scanner.lastEventId());
    scan(scanner, "id: a\ndata: x\n\n");
    assertEquals("a", scanner.lastEventId());
    scan(scanner, "id\ndata: x\n\n");
    assertNull(scanner.lastEventId(), "an empty id field resets the last id, as in an EventSource");
  }

  @Test
  void theMarkerSetTellsARepeatFromAFirst() {
    MarkerSet set = new MarkerSet();
    for (long m = 0; m < 10_000; m++) {
      assertTrue(set.add(m * 1_000_003L), "first " + m);
    }
    for (long m = 0; m < 10_000; m++) {
      assertFalse(set.add(m * 1_000_003L), "repeat " + m);
    }
    assertEquals(10_000, set.size());
  }

  private static EventScanner scan(String text, Seen seen) {
    EventScanner scanner = new EventScanner();
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    scanner.scan(bytes, 0, bytes.length, seen);
    return scanner;
  }

  private static void scan(EventScanner scanner, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    scanner.scan(bytes, 0, bytes.length, new Seen());
  }

  private static final class Seen implements EventScanner.Sink {
    private final List<Long> markers = new ArrayList<>();
    private int events;
    private int missed;
    private int reconnects;

    @Override
    public void events(int count) {
      events += count;
    }

    @Override
    public void message(long sentNanos) {
      markers.add(sentNanos);
    }

    @Override
    public void missed() {
      missed++;
    }

    @Override
    public void reconnect() {
      reconnects++;
    }
  }
}
