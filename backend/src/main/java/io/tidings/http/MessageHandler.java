package io.tidings.http;

import io.tidings.bus.Addresses;
import io.tidings.bus.BusEvent;
import io.tidings.message.ChatMessage;
import io.tidings.message.MessageIds;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;

/**
 * {@code POST /sse/message}: checks the message and publishes it on the bus. It never writes to a
 * stream itself: the streams' consumers receive it, on this node or any other.
 */
final class MessageHandler implements Handler<RoutingContext> {

  private final EventBus bus;
  private final Presence presence;
  private final MessageIds ids;
  private final TidingsMetrics metrics;
  private final int maxMessageLength;

  MessageHandler(EventBus bus, Presence presence, MessageIds ids, TidingsMetrics metrics, int maxMessageLength) {
    this.bus = bus;
    this.presence = presence;
    this.ids = ids;
    this.metrics = metrics;
    this.maxMessageLength = maxMessageLength;
  }

  @Override
  public void handle(RoutingContext ctx) {
    PostedMessage posted = PostedMessage.parse(ctx.body().buffer(), maxMessageLength);
    if (posted.problem() != null) {
      ErrorReply.send(ctx, 400, posted.problem());
      return;
    }
    Future<Boolean> deliverable = posted.to() == null ? Future.succeededFuture(true) : presence.isOnline(posted.to());
    deliverable.onComplete(online -> {
      if (ctx.response().ended()) {
        // the body timeout answered 408 while the check was pending: the sender was told it failed
        return;
      }
      if (online.failed()) {
        ErrorReply.send(ctx, 503, "could not check whether '" + posted.to() + "' is online; try again");
      } else if (!online.result()) {
        ErrorReply.send(ctx, 404, "user '" + posted.to() + "' is not online; the message was not sent");
      } else {
        publish(ctx, posted);
      }
    });
  }

  private void publish(RoutingContext ctx, PostedMessage posted) {
    ChatMessage message = new ChatMessage(ids.next(), posted.user(), posted.message(), posted.to(), Instant.now());
    JsonObject event = BusEvent.message(message.id(), message.toJson()).toJson();
    if (posted.to() == null) {
      bus.publish(Addresses.BROADCAST, event);
    } else {
      bus.publish(Addresses.user(posted.to()), event);
      if (!posted.to().equals(posted.user())) {
        // the sender's other tabs show the conversation too
        bus.publish(Addresses.user(posted.user()), event);
      }
    }
    metrics.messagePosted();
    ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .end(new JsonObject().put("succeeded", true).put("message", "OK").put("id", message.id()).encode());
  }
}
