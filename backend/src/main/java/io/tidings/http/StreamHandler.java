package io.tidings.http;

import io.tidings.connections.ConnectionRegistry;
import io.tidings.connections.NodeLimits;
import io.tidings.connections.StreamQuota;
import io.tidings.ratelimit.StreamsPerUser;
import io.tidings.hub.StartPoint;
import io.tidings.identity.Caller;
import io.tidings.identity.NameKeeper;
import io.tidings.identity.Refusal;
import io.tidings.identity.UserName;
import io.tidings.ratelimit.RateLimits;
import io.tidings.metrics.TidingsMetrics;
import io.tidings.sse.SseStream;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /sse[?user=NAME][&presence=false][&history=N|&lastEventId=ID]} (and HEAD, which opens
 * nothing), after {@link Authenticate}: the user is the credential's ({@code user} may repeat it, in
 * open mode it names it). Checks the request, the rate of opens and the per-user and per-address
 * stream caps, then hands the open
 * stream to the registry with where it starts. The {@code Last-Event-ID} header, which a browser
 * sends when it reconnects by itself, wins over the query parameter, which may be stale.
 */
final class StreamHandler implements Handler<RoutingContext> {

  private static final int RETRY_AFTER_SECONDS = 5;

  private final ConnectionRegistry registry;
  private final Readiness readiness;
  private final StreamQuota quota;
  private final TidingsMetrics metrics;
  private final int retryMillis;
  private final int queueBytes;
  private final int maxHistory;
  private final RateLimits limits;
  private final NameKeeper keeper;

  private final StreamsPerUser userStreams;

  StreamHandler(ConnectionRegistry registry, Readiness readiness, NodeLimits nodeLimits, TidingsMetrics metrics,
                int retryMillis, int queueBytes, int maxHistory, RateLimits limits, NameKeeper keeper) {
    this.userStreams = nodeLimits.userStreams();
    StreamQuota quota = nodeLimits.streams();
    this.limits = limits;
    this.keeper = keeper;
    this.maxHistory = maxHistory;
    this.quota = quota;
    this.metrics = metrics;
    this.registry = registry;
    this.readiness = readiness;
    this.retryMillis = retryMillis;
    this.queueBytes = queueBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (readiness.isDraining()) {
      ErrorReply.send(ctx, 503, "this node is shutting down; connect again to reach another node");
      return;
    }
    Caller caller = Authenticate.caller(ctx);
    if (caller.publisher()) {
      ErrorReply.send(ctx, 403, "a publisher credential cannot open a stream; a stream belongs to a user");
      return;
    }
    String user;
    try {
      user = caller.actingAs(ctx.request().getParam("user"), "query parameter 'user'");
    } catch (Refusal refusal) {
      Authenticate.refuse(ctx, refusal);
      return;
    }
    String problem = UserName.problem("query parameter 'user'", user);
    if (problem != null) {
      ErrorReply.send(ctx, 400, problem);
      return;
    }
    String presence = ctx.request().getParam("presence", "true");
    if (!presence.equals("true") && !presence.equals("false")) {
      ErrorReply.send(ctx, 400, "query parameter 'presence' must be true or false, got '" + presence + "'");
      return;
    }
    StartPoint start = startPoint(ctx);
    if (start == null) {
      ErrorReply.send(ctx, 400, "query parameter 'history' must be a whole number from 0 to " + maxHistory
        + ", got '" + shortened(ctx.request().getParam("history")) + "'");
      return;
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      // the same checks and headers as GET, but no stream: nothing would ever read it
      SseStream.putHeaders(ctx.response()).end();
      return;
    }
    String address = ClientAddress.of(ctx.request());
    limits.streamOpen(address).onComplete(allowed -> {
      if (allowed.failed()) {
        Authenticate.refuse(ctx, allowed.cause());
      } else if (!ctx.response().closed()) {
        open(ctx, caller, user, address, presence.equals("true"), start);
      }
    });
  }

  private void open(RoutingContext ctx, Caller caller, String user, String address, boolean presence, StartPoint start) {
    // behind a proxy every stream comes from the proxy's address: that cap then counts them all
    switch (quota.acquire(user, address)) {
      case USER_FULL -> {
        metrics.streamRefusedPerUser();
        ErrorReply.tooMany(ctx.response(), RETRY_AFTER_SECONDS,
          "user '" + user + "' already has " + quota.perUser() + " streams open on this node; close one first");
        return;
      }
      case ADDRESS_FULL -> {
        metrics.streamRefusedPerAddress();
        ErrorReply.tooMany(ctx.response(), RETRY_AFTER_SECONDS,
          "this address already has " + quota.perAddress() + " streams open on this node; close one first");
        return;
      }
      case ADMITTED -> userStreams.open(user).onComplete(counted -> {
        if (counted.failed() || !counted.result()) {
          quota.release(user, address);
          if (counted.failed()) {
            Authenticate.refuse(ctx, counted.cause());
          } else {
            metrics.streamRefusedPerUser();
            ErrorReply.tooMany(ctx.response(), RETRY_AFTER_SECONDS,
              "user '" + user + "' already has " + quota.perUser() + " streams open; close one first");
          }
          return;
        }
        if (ctx.response().closed()) {
          // gone while its stream was being counted in the grid: an end handler added now would never run
          quota.release(user, address);
          userStreams.closed(user);
          return;
        }
        keeper.opened(caller);
        ctx.addEndHandler(ended -> {
          quota.release(user, address);
          userStreams.closed(user);
          keeper.closed(caller);
        });
        registry.add(SseStream.open(ctx.request(), user, caller.session(), presence, retryMillis, queueBytes), start);
      });
    }
  }

  private static String shortened(String value) {
    return value.length() <= 20 ? value : value.substring(0, 20) + "...";
  }

  /** @return {@code null} when {@code history} is not a number in range */
  private StartPoint startPoint(RoutingContext ctx) {
    String lastEventId = ctx.request().getHeader("Last-Event-ID");
    if (lastEventId == null) {
      lastEventId = ctx.request().getParam("lastEventId");
    }
    // an empty id is what a browser holds before its first id: a fresh start
    if (lastEventId != null && !lastEventId.isEmpty()) {
      return StartPoint.resume(lastEventId);
    }
    String history = ctx.request().getParam("history");
    if (history == null) {
      return StartPoint.NOW;
    }
    if (!history.matches("[0-9]{1,7}") || Integer.parseInt(history) > maxHistory) {
      return null;
    }
    return StartPoint.latest(Integer.parseInt(history));
  }
}
