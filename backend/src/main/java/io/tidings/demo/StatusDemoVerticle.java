package io.tidings.demo;

import io.tidings.bus.Addresses;
import io.tidings.bus.BusEvent;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Opt-in demo ({@code --demo-status}) of a service pushing its own event type over the bus: every
 * few seconds, a {@code status} event to everyone. Any verticle on the bus can do the same.
 */
public final class StatusDemoVerticle extends VerticleBase {

  private final long periodMillis;
  private final TidingsMetrics metrics;
  private final Presence presence;
  private final Instant started = Instant.now();

  public StatusDemoVerticle(int periodSeconds, TidingsMetrics metrics, Presence presence) {
    this.periodMillis = periodSeconds * 1000L;
    this.metrics = metrics;
    this.presence = presence;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(periodMillis, id -> presence.online(0, 0).onSuccess(page -> {
      JsonObject status = new JsonObject()
        .put("time", Instant.now().toString())
        .put("uptimeSeconds", Instant.now().getEpochSecond() - started.getEpochSecond())
        .put("streams", metrics.openStreams())
        .put("online", page.total());
      vertx.eventBus().publish(Addresses.BROADCAST, BusEvent.of("status", status).toJson());
    }));
    return Future.succeededFuture();
  }
}
