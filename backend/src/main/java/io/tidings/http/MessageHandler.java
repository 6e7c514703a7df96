package io.tidings.http;

import io.tidings.bus.BusEvent;
import io.tidings.hub.Channel;
import io.tidings.hub.Hub;
import io.tidings.identity.Caller;
import io.tidings.identity.Refusal;
import io.tidings.ratelimit.RateLimits;
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
 * {@code POST /sse/message}, after {@link Authenticate}: sends as the credential's user (or, in
 * open mode, the body's {@code user}), within the rate limits; checks the message and publishes it through the hub: to everyone,
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
  private final RateLimits limits;

  MessageHandler(Hub hub, Presence presence, MessageIds ids, TidingsMetrics metrics, int maxMessageLength,
                 RateLimits limits) {
    this.limits = limits;
    this.hub = hub;
    this.presence = presence;
    this.ids = ids;
    this.metrics = metrics;
    this.maxMessageLength = maxMessageLength;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = Authenticate.caller(ctx);
    if (caller.publisher()) {
      ErrorReply.send(ctx, 403, "a publisher credential cannot post chat messages; use POST /api/notify");
      return;
    }
    PostedMessage posted = PostedMessage.parse(ctx.body().buffer(), maxMessageLength);
    if (posted.problem() != null) {
      ErrorReply.send(ctx, 400, posted.problem());
      return;
    }
    String sender;
    try {
      sender = caller.actingAs(posted.user(), "field 'user'");
    } catch (Refusal refusal) {
      Authenticate.refuse(ctx, refusal);
      return;
    }
    if (sender == null) {
      ErrorReply.send(ctx, 400, "field 'user' is required");
      return;
    }
    limits.message(sender, ClientAddress.of(ctx.request())).onComplete(allowed -> {
      if (allowed.failed()) {
        Authenticate.refuse(ctx, allowed.cause());
      } else if (!ctx.response().ended()) {
        publish(ctx, sender, posted);
      }
    });
  }

  private void publish(RoutingContext ctx, String sender, PostedMessage posted) {
    ChatMessage message = new ChatMessage(ids.next(), sender, posted.message(), posted.to(), Instant.now());
    BusEvent event = BusEvent.message(null, message.toJson());
    Future<Boolean> online;
    Future<?> kept;
    if (posted.to() == null) {
      online = Future.succeededFuture(null);
      kept = hub.publish(Channel.EVERYONE, event);
    } else {
      // asked alongside, not before: the message is kept for the recipient either way
      online = presence.isOnline(posted.to()).otherwise(err -> null);
      kept = posted.to().equals(sender) ? hub.publish(Channel.user(posted.to()), event)
        : Future.all(hub.publish(Channel.user(posted.to()), event), hub.publish(Channel.user(sender), event));
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
