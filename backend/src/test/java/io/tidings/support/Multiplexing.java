package io.tidings.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * More streams than a browser opens HTTP/1.1 connections to one origin (six), all on one HTTP/2
 * connection: what lets a seventh tab's EventSource open at all.
 */
public final class Multiplexing {

  public static final int STREAMS = 8;

  private Multiplexing() {
  }

  /**
   * Opens {@link #STREAMS} streams through {@code client}, each to its welcome, then posts one
   * broadcast through the same client and waits for it on every stream. Fails unless all of it went
   * over HTTP/2 on one client connection. The streams are left open.
   */
  public static List<EventStream> openManyAndBroadcast(HttpClient client, int port) {
    List<EventStream> streams = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      streams.add(EventStream.open(client, port, "/sse?user=u" + i));
    }
    HttpConnection connection = streams.get(0).response().request().connection();
    for (EventStream stream : streams) {
      assertEquals(HttpVersion.HTTP_2, stream.response().version());
      stream.awaitEvent("welcome", e -> "welcome".equals(e.event()));
      assertSame(connection, stream.response().request().connection(), "every stream on the one connection");
    }
    String body = new JsonObject().put("user", "u0").put("message", "to all eight").encode();
    HttpClientResponse posted = Await.result(client.request(new RequestOptions().setMethod(HttpMethod.POST)
        .setHost("127.0.0.1").setPort(port).setURI("/sse/message").putHeader("Content-Type", "application/json"))
      .compose(request -> request.send(Buffer.buffer(body)))
      .compose(response -> response.body().map(response)));
    assertEquals(200, posted.statusCode());
    assertSame(connection, posted.request().connection(), "the post on the same connection");
    for (EventStream stream : streams) {
      stream.awaitMessage("to all eight");
    }
    return streams;
  }
}
