package io.tidings.http;

import io.tidings.connections.ConnectionCap;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.HashSet;
import java.util.Set;

/**
 * Admits each new connection against the node's {@link ConnectionCap}. A connection past the cap
 * gets a 429 with {@code Connection: close} for its first request and is closed; one that sends
 * nothing is closed after {@link #REFUSED_GRACE_MILLIS}, so refused sockets never pile up descriptors.
 *
 * <p>One per HTTP verticle instance: a connection's events all run on that instance's event loop.
 */
final class ConnectionGate implements Handler<HttpConnection> {

  static final long REFUSED_GRACE_MILLIS = 1000;
  static final int RETRY_AFTER_SECONDS = 5;

  private final Vertx vertx;
  private final ConnectionCap cap;
  private final Set<HttpConnection> refused = new HashSet<>();

  ConnectionGate(Vertx vertx, ConnectionCap cap) {
    this.vertx = vertx;
    this.cap = cap;
  }

  @Override
  public void handle(HttpConnection connection) {
    if (cap.tryOpen()) {
      connection.closeHandler(v -> cap.closed());
      return;
    }
    refused.add(connection);
    long timer = vertx.setTimer(REFUSED_GRACE_MILLIS, id -> connection.close());
    connection.closeHandler(v -> {
      refused.remove(connection);
      vertx.cancelTimer(timer);
    });
  }

  /** Passes requests of admitted connections on; answers those of refused ones. */
  Handler<HttpServerRequest> guard(Handler<HttpServerRequest> next) {
    return request -> {
      if (refused.isEmpty() || !refused.contains(request.connection())) {
        next.handle(request);
        return;
      }
      if (request.version() != HttpVersion.HTTP_2) {
        // HTTP/2 forbids connection headers: its GOAWAY says the same
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      }
      ErrorReply.tooMany(request.response(), RETRY_AFTER_SECONDS,
        "this node is at its cap of " + cap.max() + " open connections; try again later or another node");
      // a graceful close: the answer is flushed first
      request.connection().close();
    };
  }
}
