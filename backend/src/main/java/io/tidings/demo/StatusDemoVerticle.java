package io.tidings.demo;

import io.tidings.NodeServices;
import io.tidings.bus.BusEvent;
import io.tidings.hub.Channel;
import io.tidings.hub.Hub;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Opt-in demo ({@code --demo-status}) of a service pushing its own event type through the hub:
 * every few seconds, a {@code status} event to everyone. Live only: a reading that is stale by the
 * next one is not worth a place in the history. A service elsewhere on the bus does the same
 * through {@link io.tidings.bus.Addresses#PUBLISH}.
 */
public final class StatusDemoVerticle extends VerticleBase {

  private final long periodMillis;
  private final TidingsMetrics metrics;
  private final Presence presence;
  private final Hub hub;
  private final Instant started = Instant.now();

  public StatusDemoVerticle(int periodSeconds, NodeServices node) {
    this.periodMillis = periodSeconds * 1000L;
    this.metrics = node.metrics();
    this.presence = node.presence();
    this.hub = node.hub();
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(periodMillis, id -> presence.online(0, 0).onSuccess(page -> {
      JsonObject status = new JsonObject()
        .put("time", Instant.now().toString())
        .put("uptimeSeconds", Instant.now().getEpochSecond() - started.getEpochSecond())
        .put("streams", metrics.openStreams())
        .put("online", page.total());
      hub.publishTransient(Channel.EVERYONE, BusEvent.of("status", status));
    }));
    return Future.succeededFuture();
  }
}
