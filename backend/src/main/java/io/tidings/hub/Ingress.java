package io.tidings.hub;

import io.tidings.bus.Addresses;
import io.tidings.bus.BusEvent;
import io.tidings.identity.UserName;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The way in for services on the event bus ({@link Addresses#PUBLISH}): the same seam as the HTTP
 * API, so what a service sends is ordered, kept and resumable like a chat message. A service
 * {@code send}s (one node takes it) {@code {"to"?: NAME, "event"?: TYPE, "data": ..., "transient"?: bool}}
 * and gets {@code {"channel", "epoch", "seq"}} back, or a failure with code 400 and the reason.
 * {@code "transient": true} events are live only: no history, no id.
 */
public final class Ingress {

  public static final int BAD_REQUEST = 400;
  public static final int NOT_KEPT = 503;

  private Ingress() {
  }

  public static Future<MessageConsumer<JsonObject>> register(EventBus bus, Hub hub) {
    MessageConsumer<JsonObject> consumer = bus.consumer(Addresses.PUBLISH, message -> handle(hub, message));
    return consumer.completion().map(consumer);
  }

  private static void handle(Hub hub, Message<JsonObject> message) {
    Object body = message.body();
    if (!(body instanceof JsonObject json)) {
      message.fail(BAD_REQUEST, "the body must be a JSON object {\"to\"?, \"event\"?, \"data\", \"transient\"?}");
      return;
    }
    Object to = json.getValue("to");
    if (to != null && !(to instanceof String name && UserName.isValid(name))) {
      message.fail(BAD_REQUEST, "'to' must be a user name (" + UserName.RULE + ") or absent");
      return;
    }
    BusEvent event;
    try {
      event = BusEvent.fromJson(new JsonObject().put("event", json.getValue("event")).put("data", json.getValue("data")));
    } catch (IllegalArgumentException e) {
      message.fail(BAD_REQUEST, e.getMessage());
      return;
    }
    Channel channel = to == null ? Channel.EVERYONE : Channel.user((String) to);
    if (Boolean.TRUE.equals(json.getValue("transient"))) {
      hub.publishTransient(channel, event);
      message.reply(new JsonObject().put("channel", channel.key()));
      return;
    }
    hub.publish(channel, event).onComplete(kept -> {
      if (kept.succeeded()) {
        message.reply(new JsonObject().put("channel", channel.key()).put("epoch", kept.result().epoch())
          .put("seq", kept.result().seq()));
      } else {
        message.fail(NOT_KEPT, "the event could not be kept: " + kept.cause().getMessage());
      }
    });
  }
}
