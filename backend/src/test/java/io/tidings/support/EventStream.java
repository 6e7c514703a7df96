package io.tidings.support;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.SseEvent;
import io.vertx.ext.web.codec.spi.BodyStream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test's view of one open {@code GET /sse} stream: the events as vertx-web-client's
 * {@code BodyCodec.sseStream} parses them, and the raw bytes, for checks the codec could hide.
 */
public final class EventStream implements AutoCloseable {

  private final HttpClientRequest request;
  private final HttpClientResponse response;
  private final List<SseEvent> events = new CopyOnWriteArrayList<>();
  private final Buffer raw = Buffer.buffer();
  private volatile boolean ended;

  private EventStream(HttpClientRequest request, HttpClientResponse response) {
    this.request = request;
    this.response = response;
  }

  /** Opens a stream and waits (bounded) for its response head. */
  public static EventStream open(HttpClient client, int port, String pathAndQuery) {
    return Await.result(openAsync(client, port, pathAndQuery));
  }

  /** Opens a stream, waits for its {@code welcome} event: from then on it receives everything. */
  public static EventStream connect(HttpClient client, int port, String user) {
    EventStream stream = open(client, port, "/sse?user=" + user);
    stream.awaitEvent("welcome", e -> "welcome".equals(e.event()));
    if (!"welcome".equals(stream.events().get(0).event())) {
      throw new AssertionError("the first event of a stream must be its welcome, got " + stream.events().get(0));
    }
    return stream;
  }

  public static Future<EventStream> openAsync(HttpClient client, int port, String pathAndQuery) {
    return openAsync(client, port, pathAndQuery, null);
  }

  /** Opens a stream resuming from an id, as a browser does when it reconnects by itself; waits for its welcome. */
  public static EventStream resume(HttpClient client, int port, String user, String lastEventId) {
    EventStream stream = Await.result(openAsync(client, port, "/sse?user=" + user + "&presence=false", lastEventId));
    stream.awaitEvent("welcome", e -> "welcome".equals(e.event()));
    return stream;
  }

  public static Future<EventStream> openAsync(HttpClient client, int port, String pathAndQuery, String lastEventId) {
    return openAsync(client, port, pathAndQuery, lastEventId, null);
  }

  /** With a bearer token, as a program (not a browser) opens a stream. */
  public static Future<EventStream> openAsync(HttpClient client, int port, String pathAndQuery, String lastEventId,
                                              String bearer) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
      .setURI(pathAndQuery).putHeader("Accept", "text/event-stream");
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    if (bearer != null) {
      options.putHeader("Authorization", "Bearer " + bearer);
    }
    return client.request(options).compose(req -> req.send().map(resp -> {
      EventStream stream = new EventStream(req, resp);
      stream.attach();
      return stream;
    }));
  }

  private void attach() {
    BodyStream<Void> parser;
    try {
      parser = BodyCodec.sseStream(sse -> sse.handler(events::add)).stream();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    response.handler(chunk -> {
      synchronized (raw) {
        raw.appendBuffer(chunk);
      }
      parser.write(chunk);
    });
    response.endHandler(v -> {
      ended = true;
      parser.end();
    });
    response.exceptionHandler(err -> ended = true);
    request.connection().closeHandler(v -> ended = true);
  }

  /** Waits for the welcome, which says the stream is subscribed; returns this. */
  public EventStream awaitWelcome() {
    awaitEvent("welcome", e -> "welcome".equals(e.event()));
    return this;
  }

  public HttpClientResponse response() {
    return response;
  }

  public int status() {
    return response.statusCode();
  }

  public List<SseEvent> events() {
    return List.copyOf(events);
  }

  /** Chat messages: the events of the default type. */
  public List<JsonObject> messages() {
    return events.stream().filter(EventStream::isChatMessage).map(e -> new JsonObject(e.data())).toList();
  }

  /** An event of the default type (the codec may report it as "message" or leave it empty). */
  public static boolean isChatMessage(SseEvent e) {
    boolean defaultType = e.event() == null || e.event().isEmpty() || e.event().equals("message");
    return defaultType && e.data() != null && e.data().startsWith("{") && e.data().contains("\"message\"");
  }

  /** The last id the stream has seen, as a browser keeps it: events without an id leave it as it was. */
  public String lastId() {
    String last = null;
    for (SseEvent event : events) {
      if (event.id() != null && !event.id().isEmpty()) {
        last = event.id();
      }
    }
    return last;
  }

  /** The texts of the chat messages received, in order. */
  public List<String> texts() {
    return messages().stream().map(m -> m.getString("message")).toList();
  }

  /** How many events of this type have arrived. */
  public long count(String eventType) {
    return events.stream().filter(e -> eventType.equals(e.event())).count();
  }

  public String raw() {
    synchronized (raw) {
      return raw.toString(StandardCharsets.UTF_8);
    }
  }

  public boolean isEnded() {
    return ended;
  }

  public SseEvent awaitEvent(String what, Predicate<SseEvent> matching) {
    return awaitEvent(what, matching, Await.DEFAULT);
  }

  public SseEvent awaitEvent(String what, Predicate<SseEvent> matching, Duration timeout) {
    Await.until(what + " on a stream", () -> events.stream().anyMatch(matching), timeout);
    return events.stream().filter(matching).findFirst().orElseThrow();
  }

  public JsonObject awaitMessage(String text) {
    SseEvent event = awaitEvent("message '" + text + "'",
      e -> isChatMessage(e) && text.equals(new JsonObject(e.data()).getString("message")));
    return new JsonObject(event.data());
  }

  public void awaitEnd() {
    Await.until("the stream ends", () -> ended);
  }

  @Override
  public void close() {
    if (!ended) {
      Await.result(request.connection().close());
    }
  }
}
