package io.tidings.support;

import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.codec.SseEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * One browser tab of a user across its reconnections, as {@code EventSource} behaves: when its
 * stream ends or its node goes, it connects again (here, to the node the test names) and sends
 * the last id it saw as {@code Last-Event-ID}. Its messages are those of all its streams, in the
 * order they arrived, so a test can check that a resume neither loses nor repeats anything.
 */
public final class ResumingTab implements AutoCloseable {

  private final HttpClient client;
  private final String user;
  // the events of the streams already left, frozen when the tab left them, and where each stream began
  private final List<SseEvent> before = new ArrayList<>();
  private final List<Integer> starts = new ArrayList<>();
  private final List<EventStream> left = new ArrayList<>();
  private final List<String> resumedWith = new ArrayList<>();
  private EventStream current;
  private int port;

  private ResumingTab(HttpClient client, String user) {
    this.client = client;
    this.user = user;
  }

  /** A tab opened fresh (no id yet), once its welcome has arrived. */
  public static ResumingTab open(HttpClient client, int port, String user) {
    ResumingTab tab = new ResumingTab(client, user);
    tab.current = EventStream.open(client, port, "/sse?user=" + user + "&presence=false");
    tab.current.awaitEvent("welcome", e -> "welcome".equals(e.event()));
    tab.port = port;
    return tab;
  }

  public String user() {
    return user;
  }

  /** The port of the node its current stream is on. */
  public int port() {
    return port;
  }

  public EventStream current() {
    return current;
  }

  /**
   * Leaves the current stream (closing it if the server has not) and opens one on {@code port}
   * with the last id it saw, waiting for the welcome. Only events complete before the close count:
   * the id sent is the one of the last of them.
   */
  public void resumeOn(int port) {
    current.close();
    List<SseEvent> seen = current.events();
    before.addAll(seen);
    starts.add(before.size());
    left.add(current);
    String lastId = lastId(before);
    if (lastId == null) {
      throw new AssertionError("tab of " + user + " has no id to resume from: " + seen);
    }
    resumedWith.add(lastId);
    current = EventStream.resume(client, port, user, lastId);
    this.port = port;
  }

  /** The bytes each of its streams received, in order, for a failure to show what was on the wire. */
  public List<String> raw() {
    List<String> raw = new ArrayList<>(left.stream().map(EventStream::raw).toList());
    raw.add(current.raw());
    return raw;
  }

  /** The ids it resumed from, in order. */
  public List<String> resumedWith() {
    return List.copyOf(resumedWith);
  }

  /** Every event of every stream, in arrival order. */
  public List<SseEvent> events() {
    List<SseEvent> all = new ArrayList<>(before);
    all.addAll(current.events());
    return all;
  }

  /**
   * The chat messages of every stream, in arrival order, each with two fields of the test's own for
   * diagnosis: {@code sseId} (the event's SSE id) and {@code stream} (0 for the first stream, then 1...).
   */
  public List<JsonObject> messages() {
    List<SseEvent> all = events();
    List<JsonObject> messages = new ArrayList<>();
    int stream = 0;
    for (int i = 0; i < all.size(); i++) {
      while (stream < starts.size() && i >= starts.get(stream)) {
        stream++;
      }
      SseEvent event = all.get(i);
      if (EventStream.isChatMessage(event)) {
        messages.add(new JsonObject(event.data()).put("sseId", event.id()).put("stream", stream));
      }
    }
    return messages;
  }

  public long count(String eventType) {
    return events().stream().filter(e -> eventType.equals(e.event())).count();
  }

  private static String lastId(List<SseEvent> events) {
    String last = null;
    for (SseEvent event : events) {
      if (event.id() != null && !event.id().isEmpty()) {
        last = event.id();
      }
    }
    return last;
  }

  @Override
  public void close() {
    current.close();
  }
}
