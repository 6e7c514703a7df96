package io.tidings.http;

import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}: whether this node serves, and how many streams it holds. */
final class HealthHandler implements Handler<RoutingContext> {

  private final TidingsMetrics metrics;
  private final Presence presence;

  HealthHandler(TidingsMetrics metrics, Presence presence) {
    this.metrics = metrics;
    this.presence = presence;
  }

  @Override
  public void handle(RoutingContext ctx) {
    presence.online(0, 0).onComplete(online -> {
      JsonObject body = new JsonObject().put("status", "UP").put("streams", metrics.openStreams());
      if (online.succeeded()) {
        body.put("online", online.result().total());
      }
      ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
    });
  }
}
