package io.tidings.http;

import io.tidings.bus.BusEvent;
import io.tidings.bus.EventTypes;
import io.tidings.hub.Channel;
import io.tidings.hub.Hub;
import io.tidings.identity.Caller;
import io.tidings.identity.UserName;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/notify {"to"?: NAME, "event": TYPE, "data": ANY}}: a backend service with the
 * publisher credential pushes an event of its own type to one user (kept for them while offline,
 * like a direct message) or to everyone, through the hub like every chat message.
 */
final class NotifyHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(NotifyHandler.class);

  private final Hub hub;

  NotifyHandler(Hub hub) {
    this.hub = hub;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = Authenticate.caller(ctx);
    if (!caller.publisher()) {
      ErrorReply.send(ctx, caller.isOpen() ? 401 : 403, caller.isOpen()
        ? "publishing needs the publisher credential: Authorization: Bearer <publisher secret>"
        : "a user's credential cannot publish; backend services use the publisher credential");
      return;
    }
    RequestJson.Read read = RequestJson.read(ctx.body().buffer());
    if (read.problem() != null) {
      ErrorReply.send(ctx, 400, read.problem().equals(RequestJson.EMPTY)
        ? "request body is empty; expected a JSON object with 'event' and 'data'" : read.problem());
      return;
    }
    if (!(read.value() instanceof JsonObject json)) {
      ErrorReply.send(ctx, 400, "request body must be a JSON object with 'event' and 'data'");
      return;
    }
    String problem = problem(json);
    if (problem != null) {
      ErrorReply.send(ctx, 400, problem);
      return;
    }
    String to = json.getString("to");
    Channel channel = to == null ? Channel.EVERYONE : Channel.user(to);
    hub.publish(channel, new BusEvent(json.getString("event"), null, json.getValue("data"))).onComplete(kept -> {
      if (kept.failed()) {
        LOG.warn("Could not keep a notification: " + kept.cause().getMessage());
        ErrorReply.send(ctx, 503, "the notification could not be stored for delivery; try again");
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(new JsonObject().put("succeeded", true).put("channel", channel.key())
          .put("epoch", kept.result().epoch()).put("seq", kept.result().seq()).encode());
    });
  }

  private static String problem(JsonObject json) {
    for (String field : json.fieldNames()) {
      if (!field.equals("to") && !field.equals("event") && !field.equals("data")) {
        return "unknown field '" + (field.length() > 40 ? field.substring(0, 40) + "..." : field)
          + "'; expected 'to', 'event' and 'data'";
      }
    }
    Object to = json.getValue("to");
    if (to != null && !(to instanceof String)) {
      return "field 'to' must be a user name or null";
    }
    if (to != null) {
      String toProblem = UserName.problem("field 'to'", (String) to);
      if (toProblem != null) {
        return toProblem;
      }
    }
    Object event = json.getValue("event");
    if (!(event instanceof String type)) {
      return event == null ? "field 'event' is required" : "field 'event' must be a string";
    }
    String typeProblem = EventTypes.problem(type);
    if (typeProblem != null) {
      return typeProblem;
    }
    Object data = json.getValue("data");
    if (data == null) {
      return "field 'data' is required (any JSON value but null)";
    }
    if (!(data instanceof String || data instanceof JsonObject || data instanceof JsonArray
      || data instanceof Number || data instanceof Boolean)) {
      return "field 'data' must be a JSON value";
    }
    return null;
  }
}
