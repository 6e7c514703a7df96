package io.tidings.http;

import io.tidings.bus.BusEvent;
import io.tidings.hub.Channel;
import io.tidings.hub.Hub;
import io.tidings.message.ChatMessage;
import io.tidings.message.MessageIds;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.presence.Presence;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;

import java.time.Instant;

/**
 * {@code POST /sse/message}: checks the message and publishes it through the hub: to everyone,
 * or to the recipient's channel and the sender's (so the sender's other tabs show the
 * conversation). It never writes to a stream itself. A recipient with no stream open gets the
 * message when they next connect; the answer says whether they were online.
 */
final class MessageHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

  private final Hub hub;
  private final Presence presence;
  private final MessageIds ids;
  private final TidingsMetrics metrics;
  private final int maxMessageLength;

  MessageHandler(Hub hub, Presence presence, MessageIds ids, TidingsMetrics metrics, int maxMessageLength) {
    this.hub = hub;
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
    ChatMessage message = new ChatMessage(ids.next(), posted.user(), posted.message(), posted.to(), Instant.now());
    BusEvent event = BusEvent.message(null, message.toJson());
    Future<Boolean> online;
    Future<?> kept;
    if (posted.to() == null) {
      online = Future.succeededFuture(null);
      kept = hub.publish(Channel.EVERYONE, event);
    } else {
      // asked alongside, not before: the message is kept for the recipient either way
      online = presence.isOnline(posted.to()).otherwise(err -> null);
      kept = posted.to().equals(posted.user()) ? hub.publish(Channel.user(posted.to()), event)
        : Future.all(hub.publish(Channel.user(posted.to()), event), hub.publish(Channel.user(posted.user()), event));
    }
    Future.join(kept, online).onComplete(done -> {
      if (ctx.response().ended()) {
        // the body timeout answered 408 meanwhile: the sender was told it failed, and may send again
        return;
      }
      if (kept.failed()) {
        LOG.warn("Could not keep a message: " + kept.cause().getMessage());
        ErrorReply.send(ctx, 503, "the message could not be stored for delivery; try again");
        return;
      }
      metrics.messagePosted();
      JsonObject answer = new JsonObject().put("succeeded", true).put("message", "OK").put("id", message.id());
      if (posted.to() != null && online.result() != null) {
        answer.put("recipientOnline", online.result());
      }
      ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(answer.encode());
    });
  }
}
