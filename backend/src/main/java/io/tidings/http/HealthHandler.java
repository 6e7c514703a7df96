package io.tidings.http;

import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health}: whether this node takes new streams (503 while draining), and how many it holds. */
final class HealthHandler implements Handler<RoutingContext> {

  private final TidingsMetrics metrics;
  private final Presence presence;
  private final Readiness readiness;

  HealthHandler(TidingsMetrics metrics, Presence presence, Readiness readiness) {
    this.metrics = metrics;
    this.presence = presence;
    this.readiness = readiness;
  }

  @Override
  public void handle(RoutingContext ctx) {
    presence.online(0, 0).onComplete(online -> {
      boolean draining = readiness.isDraining();
      // 503 while draining, so a load balancer stops sending new streams here
      ctx.response().setStatusCode(draining ? 503 : 200);
      JsonObject body = new JsonObject().put("status", draining ? "DRAINING" : "UP")
        .put("streams", metrics.openStreams());
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
